//! Survey exports in: one row per respondent from Google Forms, Microsoft Forms, Qualtrics or
//! SurveyMonkey, tallied into the `respondents` block of a questionnaire.
//!
//! The module reads the CSV (UTF-8 with or without a byte-order mark, comma, semicolon or tab
//! separated), recognises the tools' header rows, matches columns to the rubric's opinion
//! questions (explicitly, by question id, or by the question's text), and counts, per group,
//! how many respondents chose each point of the scale. It never guesses: a column it cannot
//! match is listed, an answer it cannot read is an error naming the line and column, and a
//! respondent who skipped a question is left out of the tally with a note (the questionnaire
//! format counts one number of people per group). It owns no files: the caller reads the
//! export and writes the result.

use std::collections::BTreeMap;
use std::fmt;

use indexmap::IndexMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::rubric::{AnswerSpec, Criterion, Rubric};
use crate::source::Source;
use crate::suggest;

/// What to read from the export.
#[derive(Debug, Clone, Default)]
pub struct SurveyOptions {
    /// The column naming each respondent's group; without it everyone is one group.
    pub group_column: Option<String>,
    /// Explicit `column=criterion` matches, tried before any other.
    pub map: Vec<(String, String)>,
}

/// The name of the single group when no group column is given.
pub const EVERYONE: &str = "all-respondents";

/// The survey tool whose header layout was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One header row with a `Timestamp` column.
    GoogleForms,
    /// One header row with `Start time` and `Completion time`.
    MicrosoftForms,
    /// Question ids, question text and (in newer exports) an `ImportId` row.
    Qualtrics {
        /// 2 or 3.
        header_rows: usize,
    },
    /// Question text, then a row of answer options or `Response`.
    SurveyMonkey,
    /// One header row from any other tool.
    Plain,
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layout::GoogleForms => f.write_str("Google Forms export (1 header row)"),
            Layout::MicrosoftForms => f.write_str("Microsoft Forms export (1 header row)"),
            Layout::Qualtrics { header_rows } => {
                write!(f, "Qualtrics export ({header_rows} header rows)")
            }
            Layout::SurveyMonkey => f.write_str("SurveyMonkey export (2 header rows)"),
            Layout::Plain => f.write_str("CSV with 1 header row"),
        }
    }
}

/// How a column was matched to a question.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchedBy {
    /// `--map`.
    Explicit,
    /// The header is the question id.
    Id,
    /// The header is the question's text.
    Prompt,
    /// The header is close to the question's text (similarity in percent).
    NearPrompt(u32),
}

/// One column matched to an opinion question.
#[derive(Debug, Clone)]
pub struct ColumnMatch {
    /// Spreadsheet-style letter of the column (`D`).
    pub letter: String,
    /// The column's header as shown to people (the question text where the export has it).
    pub header: String,
    /// The criterion id.
    pub criterion: String,
    /// How it was matched.
    pub by: MatchedBy,
    /// The answers use Qualtrics's five-point agreement labels (`Somewhat agree` for 4,
    /// `Somewhat disagree` for 2) rather than the rubric's.
    pub somewhat_scale: bool,
}

/// Something worth knowing that did not stop the tally.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Stable kebab-case code.
    pub code: Code,
    /// Where (file and line).
    pub location: Location,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: note[{}]: {}",
            self.location, self.code, self.message
        )
    }
}

/// One group's tally.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTally {
    /// The group as written in the export.
    pub group: String,
    /// Respondents counted (those who answered every matched question).
    pub count: u32,
    /// Per criterion: how many chose each point of the scale (every point listed).
    pub answers: IndexMap<String, BTreeMap<u8, u32>>,
}

/// The result of reading a survey export.
#[derive(Debug, Clone)]
pub struct Tally {
    /// The file as named.
    pub origin: String,
    /// The recognised layout.
    pub layout: Layout,
    /// Matched columns, in column order.
    pub columns: Vec<ColumnMatch>,
    /// Groups in order of first appearance.
    pub groups: Vec<GroupTally>,
    /// Data rows read (respondents), before any were left out.
    pub rows: usize,
    /// What did not stop the tally: unmatched columns, skipped rows, small groups.
    pub notes: Vec<Note>,
}

/// A column of the export and the header texts it can be matched by.
struct Column {
    index: usize,
    letter: String,
    display: String,
    candidates: Vec<String>,
}

/// Reads a survey export and tallies the opinion questions of `rubric` per group, keeping the
/// notes in `notes` even when the export is refused, so a person sees everything about the
/// file in one run.
pub fn tally_noting(
    origin: &str,
    bytes: &[u8],
    rubric: &Rubric,
    options: &SurveyOptions,
    noted: &mut Vec<Note>,
) -> Result<Tally, Diagnostics> {
    let result = tally_into(origin, bytes, rubric, options, noted);
    if let Ok(t) = &result {
        noted.clone_from(&t.notes);
    }
    result
}

/// A column matched to an opinion question: its index, the question, and how it was matched.
type Matched<'r> = (usize, &'r Criterion, MatchedBy);

/// One unreadable answer: its line, why, and whether it lies beyond the question's scale.
type Unreadable = (u32, String, Option<Beyond>);

/// The export as read: records with their line numbers, the recognised layout, the columns.
struct Export<'a> {
    origin: &'a str,
    records: Vec<(u32, Vec<String>)>,
    layout: Layout,
    header_rows: usize,
    columns: Vec<Column>,
}

impl Export<'_> {
    /// The line of the first header row.
    fn header_line(&self) -> u32 {
        self.records.first().map_or(1, |(line, _)| *line)
    }

    /// The first header row, at the 0-based `column`.
    fn at_header(&self, column: usize) -> Location {
        self.at(self.header_line(), column)
    }

    /// Line `line`, at the 0-based `column`.
    fn at(&self, line: u32, column: usize) -> Location {
        Location::in_table(self.origin, &line.to_string(), line, column as u32 + 1)
    }

    /// The respondents' rows, after the header rows.
    fn data(&self) -> &[(u32, Vec<String>)] {
        &self.records[self.header_rows..]
    }

    /// `D "Question text…"`: a column as messages name it.
    fn named(&self, index: usize) -> String {
        let c = &self.columns[index];
        format!("{} \"{}\"", c.letter, short(&c.display))
    }
}

fn tally_into(
    origin: &str,
    bytes: &[u8],
    rubric: &Rubric,
    options: &SurveyOptions,
    notes: &mut Vec<Note>,
) -> Result<Tally, Diagnostics> {
    let export = read_export(origin, bytes)?;
    let opinion: Vec<&Criterion> = rubric
        .criteria()
        .map(|(_, c)| c)
        .filter(|c| c.opinion && matches!(c.answer, AnswerSpec::Likert { .. }))
        .collect();
    let group_index = group_column(&export, options)?;
    let matched = match_columns(&export, rubric, &opinion, options, group_index, notes)?;
    let somewhat = somewhat_columns(export.data(), &matched);
    let counted = count_respondents(&export, &matched, &somewhat, group_index, notes);
    let problems = unreadable_answers(&export, &matched, counted.unreadable);
    if !problems.is_empty() {
        return Err(problems.finish(""));
    }
    let groups: Vec<GroupTally> = counted.groups.into_values().collect();
    note_small_groups(&export, rubric, &groups, &counted.first_lines, notes);
    if groups.iter().all(|g| g.count == 0) {
        return Err(Diagnostics::from(
            Diagnostic::error(
                Code::SurveyEmpty,
                export.at_header(0),
                "no respondent answered every matched question, so nothing can be counted"
                    .to_string(),
            )
            .with_hint("see the notes above for who was left out and why"),
        ));
    }
    Ok(Tally {
        origin: origin.to_string(),
        layout: export.layout,
        columns: matched
            .iter()
            .map(|(i, k, by)| ColumnMatch {
                letter: export.columns[*i].letter.clone(),
                header: export.columns[*i].display.clone(),
                criterion: k.id.to_string(),
                by: by.clone(),
                somewhat_scale: somewhat.contains_key(i),
            })
            .collect(),
        groups,
        rows: export
            .data()
            .iter()
            .filter(|(_, r)| !r.iter().all(|c| c.trim().is_empty()))
            .count(),
        notes: notes.clone(),
    })
}

/// Decodes and splits the export, recognises its layout and names its columns; refuses an
/// export with no respondents.
fn read_export<'a>(origin: &'a str, bytes: &[u8]) -> Result<Export<'a>, Diagnostics> {
    let text = decode(origin, bytes)?;
    let records = read_records(origin, text)?;
    let head = |i: usize| records.get(i).map(|(_, r)| r.as_slice()).unwrap_or(&[]);
    let layout = detect_layout(head(0), head(1), head(2));
    let header_rows = match layout {
        Layout::Qualtrics { header_rows } => header_rows,
        Layout::SurveyMonkey => 2,
        _ => 1,
    };
    let columns = columns(&layout, head(0), head(1));
    let export = Export {
        origin,
        records,
        layout,
        header_rows,
        columns,
    };
    if export.records.len() <= header_rows {
        return Err(Diagnostics::from(
            Diagnostic::error(
                Code::SurveyEmpty,
                export.at_header(0),
                format!("the export has header rows but no respondents ({layout})"),
            )
            .with_hint("export the responses again once people have answered"),
        ));
    }
    Ok(export)
}

/// The index of the `--group-column`, if one was given.
fn group_column(export: &Export, options: &SurveyOptions) -> Result<Option<usize>, Diagnostics> {
    let Some(wanted) = &options.group_column else {
        return Ok(None);
    };
    if let Some(c) = find_column(&export.columns, wanted) {
        return Ok(Some(c.index));
    }
    let names = export.columns.iter().map(|c| c.display.as_str());
    let hint = suggest::did_you_mean(wanted, names).unwrap_or_else(|| {
        let all: Vec<String> = export
            .columns
            .iter()
            .map(|c| format!("\"{}\"", short(&c.display)))
            .collect();
        format!("the columns are: {}", all.join(", "))
    });
    Err(Diagnostics::from(
        Diagnostic::error(
            Code::UnknownColumn,
            export.at_header(0),
            format!("--group-column \"{wanted}\": the export has no such column"),
        )
        .with_hint(hint),
    ))
}

/// Matches columns to opinion questions: `--map` first, then by question id and text. Columns
/// left unmatched, and near misses, become notes; a question matched twice, a `--map` that
/// names no column or no opinion question, or no match at all, is refused.
fn match_columns<'r>(
    export: &Export,
    rubric: &Rubric,
    opinion: &[&'r Criterion],
    options: &SurveyOptions,
    group_index: Option<usize>,
    notes: &mut Vec<Note>,
) -> Result<Vec<Matched<'r>>, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut matched = explicit_matches(export, rubric, opinion, options, &mut problems);
    automatic_matches(export, opinion, group_index, &mut matched, notes);
    matched.sort_by_key(|(i, _, _)| *i);
    for (i, (index, criterion, _)) in matched.iter().enumerate() {
        if let Some((other, _, _)) = matched[..i].iter().find(|(_, k, _)| k.id == criterion.id) {
            problems.push(
                Diagnostic::error(
                    Code::ColumnMatchedTwice,
                    export.at_header(*index),
                    format!(
                        "columns {} and {} both match `{}`",
                        export.named(*other),
                        export.named(*index),
                        criterion.id
                    ),
                )
                .with_hint(
                    "say which one it is with --map \"COLUMN=QUESTION\" and leave the other out",
                ),
            );
        }
    }
    if matched.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::error(
                Code::NoQuestionMatched,
                export.at_header(0),
                "no column of the export matches an opinion question of the rubric".to_string(),
            )
            .with_hint(format!(
                "match columns explicitly with --map \"COLUMN=QUESTION\"; opinion questions: {}",
                ids(opinion)
            )),
        );
    }
    if problems.is_empty() {
        Ok(matched)
    } else {
        Err(problems.finish(""))
    }
}

/// The `--map COLUMN=QUESTION` matches; a problem for each that names no column or no
/// opinion question.
fn explicit_matches<'r>(
    export: &Export,
    rubric: &Rubric,
    opinion: &[&'r Criterion],
    options: &SurveyOptions,
    problems: &mut Diagnostics,
) -> Vec<Matched<'r>> {
    let mut matched = Vec::new();
    for (column, criterion) in &options.map {
        let Some(c) = find_column(&export.columns, column) else {
            let names = export.columns.iter().map(|c| c.display.as_str());
            let hint = suggest::did_you_mean(column, names).unwrap_or_else(|| {
                "name the column by its header text (any header row) or its letter (D)".into()
            });
            problems.push(
                Diagnostic::error(
                    Code::UnknownColumn,
                    export.at_header(0),
                    format!(
                        "--map \"{column}={criterion}\": the export has no column \"{column}\""
                    ),
                )
                .with_hint(hint),
            );
            continue;
        };
        match rubric.criterion(criterion) {
            Some(k) => match opinion.iter().find(|o| o.id == k.id) {
                Some(o) => matched.push((c.index, *o, MatchedBy::Explicit)),
                None => problems.push(
                    Diagnostic::error(
                        Code::NotAnOpinionItem,
                        export.at_header(c.index),
                        format!("--map \"{column}={criterion}\": `{}` is not an opinion question, so a survey cannot answer it", k.id),
                    )
                    .with_hint(format!("opinion questions: {}", ids(opinion))),
                ),
            },
            None => problems.push(
                Diagnostic::error(
                    Code::UnknownCriterion,
                    export.at_header(c.index),
                    format!("--map \"{column}={criterion}\": `{criterion}` is not a question of rubric {}", rubric.id),
                )
                .with_hint(
                    suggest::did_you_mean(criterion, opinion.iter().map(|o| o.id.as_str()))
                        .unwrap_or_else(|| format!("opinion questions: {}", ids(opinion))),
                ),
            ),
        }
    }
    matched
}

/// Matches the columns `--map` left by question id and text, into `matched`; notes the near
/// misses and the columns that matched nothing.
fn automatic_matches<'r>(
    export: &Export,
    opinion: &[&'r Criterion],
    group_index: Option<usize>,
    matched: &mut Vec<Matched<'r>>,
    notes: &mut Vec<Note>,
) {
    let mut unmatched: Vec<usize> = Vec::new();
    let mut near_misses: Vec<String> = Vec::new();
    for column in &export.columns {
        if Some(column.index) == group_index || matched.iter().any(|(i, _, _)| *i == column.index) {
            continue;
        }
        let shown = short(&column.display);
        match match_column(column, opinion) {
            Found::One(k, by) => matched.push((column.index, k, by)),
            Found::Ambiguous(a, b) => {
                unmatched.push(column.index);
                near_misses.push(format!(
                    "column {} is as close to `{a}` as to `{b}`: pass --map \"{shown}=QUESTION\"",
                    export.named(column.index),
                ));
            }
            Found::Near(k, similarity) => {
                unmatched.push(column.index);
                near_misses.push(format!(
                    "column {} resembles `{k}` ({similarity}% alike) but not closely enough to match it: pass --map \"{shown}={k}\" if it is that question",
                    export.named(column.index),
                ));
            }
            Found::None => unmatched.push(column.index),
        }
    }
    for miss in near_misses {
        notes.push(Note {
            code: Code::NearMiss,
            location: export.at_header(0),
            message: miss,
        });
    }
    if !unmatched.is_empty() {
        let one = unmatched.len() == 1;
        let named: Vec<String> = unmatched.iter().map(|i| export.named(*i)).collect();
        notes.push(Note {
            code: Code::UnmatchedColumns,
            location: export.at_header(0),
            message: format!(
                "{} column{} matched no opinion question and {} left out: {}",
                unmatched.len(),
                if one { "" } else { "s" },
                if one { "was" } else { "were" },
                named.join(", ")
            ),
        });
    }
}

/// The matched columns whose answers use Qualtrics's own five-point agreement wording
/// ("Somewhat agree" where the rubric says "Agree") and never the rubric's, with the labels to
/// read them by.
fn somewhat_columns(
    data: &[(u32, Vec<String>)],
    matched: &[Matched],
) -> BTreeMap<usize, Vec<String>> {
    let mut column_labels = BTreeMap::new();
    for (index, criterion, _) in matched {
        let AnswerSpec::Likert { scale, labels, .. } = &criterion.answer else {
            continue;
        };
        let seen: std::collections::BTreeSet<String> = data
            .iter()
            .filter_map(|(_, r)| r.get(*index))
            .map(|c| label_part(c))
            .collect();
        let has = |t: &str| seen.contains(t);
        if let Some(five) = somewhat_five(*scale, labels)
            && (has("somewhat agree") || has("somewhat disagree"))
            && !has("agree")
            && !has("disagree")
        {
            column_labels.insert(*index, five);
        }
    }
    column_labels
}

/// The respondents, counted per group.
struct Counted {
    /// Groups in order of first appearance.
    groups: IndexMap<String, GroupTally>,
    /// The line of each group's first counted respondent.
    first_lines: IndexMap<String, u32>,
    /// Unreadable answers per column.
    unreadable: BTreeMap<usize, Vec<Unreadable>>,
}

/// One respondent's answers to the matched questions.
enum Row<'r> {
    /// A point on the scale for every matched question.
    Counted(Vec<(&'r str, u8)>),
    /// Some questions left blank (named as columns).
    Skipped(Vec<String>),
    /// At least one answer could not be read (recorded per column).
    Unreadable,
}

/// Counts each respondent who answered every matched question in their group; notes those
/// left out (no group, a question skipped) and collects the answers it could not read.
fn count_respondents(
    export: &Export,
    matched: &[Matched],
    somewhat: &BTreeMap<usize, Vec<String>>,
    group_index: Option<usize>,
    notes: &mut Vec<Note>,
) -> Counted {
    let mut counted = Counted {
        groups: IndexMap::new(),
        first_lines: IndexMap::new(),
        unreadable: BTreeMap::new(),
    };
    for (line, record) in export.data() {
        let line = *line;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let group = match group_index {
            None => EVERYONE.to_string(),
            Some(g) => match record.get(g).map(|s| s.trim()) {
                Some(name) if !name.is_empty() => name.to_string(),
                _ => {
                    notes.push(Note {
                        code: Code::NoGroup,
                        location: export.at(line, g),
                        message: format!(
                            "this respondent has no group in column {} and was left out",
                            export.named(g)
                        ),
                    });
                    continue;
                }
            },
        };
        let points = match read_row(
            export,
            matched,
            somewhat,
            line,
            record,
            &mut counted.unreadable,
        ) {
            Row::Counted(points) => points,
            Row::Unreadable => continue,
            Row::Skipped(skipped) => {
                notes.push(Note {
                    code: Code::SkippedQuestion,
                    location: export.at(line, 0),
                    message: format!(
                        "this respondent left {} unanswered and was left out of the tally (a group has one count of people for all its questions)",
                        skipped.join(", ")
                    ),
                });
                continue;
            }
        };
        counted.first_lines.entry(group.clone()).or_insert(line);
        let tally = counted
            .groups
            .entry(group.clone())
            .or_insert_with(|| GroupTally {
                group,
                count: 0,
                answers: matched
                    .iter()
                    .map(|(_, k, _)| {
                        let scale = match k.answer {
                            AnswerSpec::Likert { scale, .. } => scale,
                            _ => 0,
                        };
                        (k.id.to_string(), (1..=scale).map(|p| (p, 0)).collect())
                    })
                    .collect(),
            });
        tally.count += 1;
        for (id, p) in points {
            if let Some(d) = tally.answers.get_mut(id) {
                *d.entry(p).or_default() += 1;
            }
        }
    }
    counted
}

/// Reads one respondent's answers to the matched questions, recording those it cannot read in
/// `unreadable`.
fn read_row<'r>(
    export: &Export,
    matched: &[Matched<'r>],
    somewhat: &BTreeMap<usize, Vec<String>>,
    line: u32,
    record: &[String],
    unreadable: &mut BTreeMap<usize, Vec<Unreadable>>,
) -> Row<'r> {
    let mut points = Vec::new();
    let mut skipped = Vec::new();
    let mut bad = false;
    for (index, criterion, _) in matched {
        let AnswerSpec::Likert { scale, labels, .. } = &criterion.answer else {
            continue;
        };
        let cell = record.get(*index).map_or("", |s| s.as_str());
        let labels = somewhat.get(index).unwrap_or(labels);
        match read_point(cell, *scale, labels) {
            Ok(Some(p)) => points.push((criterion.id.as_str(), p)),
            Ok(None) => skipped.push(export.named(*index)),
            Err(why) => {
                bad = true;
                unreadable
                    .entry(*index)
                    .or_default()
                    .push((line, why, beyond(cell, *scale)));
            }
        }
    }
    if bad {
        Row::Unreadable
    } else if skipped.is_empty() {
        Row::Counted(points)
    } else {
        Row::Skipped(skipped)
    }
}

/// The problems for the answers that could not be read: the first five of a column one by
/// one, the rest summed up; answers beyond the scale in three rows or more said once, as a
/// question asked on another scale.
fn unreadable_answers(
    export: &Export,
    matched: &[Matched],
    unreadable: BTreeMap<usize, Vec<Unreadable>>,
) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for (index, mut rows) in unreadable {
        let Some((_, criterion, _)) = matched.iter().find(|(i, _, _)| *i == index) else {
            continue;
        };
        let AnswerSpec::Likert { scale, labels, .. } = &criterion.answer else {
            continue;
        };
        let column = format!("column {} ({})", export.named(index), criterion.id);
        let beyond_rows: Vec<&Unreadable> = rows.iter().filter(|r| r.2.is_some()).collect();
        if beyond_rows.len() >= 3 {
            problems.push(another_scale(
                export,
                index,
                &column,
                *scale,
                labels,
                &beyond_rows,
            ));
            rows.retain(|r| r.2.is_none());
        }
        for (line, why, _) in rows.iter().take(5) {
            problems.push(
                Diagnostic::error(
                    Code::UnreadableAnswer,
                    export.at(*line, index),
                    format!("{column}: {why}"),
                )
                .with_hint(format!(
                    "answers are the points 1-{scale} or their labels ({}); correct the export, or export numeric values",
                    labels.join(", ")
                )),
            );
        }
        if rows.len() > 5 {
            let lines: Vec<u32> = rows[5..].iter().map(|r| r.0).collect();
            problems.push(Diagnostic::error(
                Code::UnreadableAnswer,
                export.at_header(index),
                format!(
                    "column {}: {} more unreadable answers like those above (lines {})",
                    export.named(index),
                    lines.len(),
                    line_list(&lines)
                ),
            ).with_hint("if the whole column is unreadable, it may be a different question: check the match, or use --map"));
        }
    }
    problems
}

/// One problem for a column whose answers lie beyond the question's scale in three rows or
/// more, or are worded on a longer agreement scale: the survey asked the question on another
/// scale. Said once, with the lines.
fn another_scale(
    export: &Export,
    index: usize,
    column: &str,
    scale: u8,
    labels: &[String],
    beyond_rows: &[&Unreadable],
) -> Diagnostic {
    let longer_words = beyond_rows
        .iter()
        .any(|r| matches!(r.2, Some(Beyond::Words)));
    let highest = beyond_rows
        .iter()
        .filter_map(|r| match r.2 {
            Some(Beyond::Number(n)) => Some(n),
            _ => None,
        })
        .max();
    let other_scale = match highest {
        Some(n) if n > u32::from(scale) && n <= 11 => format!("a 1-{n} scale"),
        _ if longer_words => "a longer agreement scale (with answers such as \"Somewhat agree\" or \"Slightly disagree\")".to_string(),
        _ => "another scale".to_string(),
    };
    let lines: Vec<u32> = beyond_rows.iter().map(|r| r.0).collect();
    Diagnostic::error(
        Code::UnreadableAnswer,
        export.at_header(index),
        format!(
            "{column}: {} answers are not on the question's {scale}-point scale (lines {}); the survey seems to have asked it on {other_scale}",
            lines.len(),
            line_list(&lines)
        ),
    )
    .with_hint(format!(
        "an answer on another scale cannot be turned into a point of 1-{scale} without guessing, so none was counted: ask the question on the {scale}-point scale ({}) in the survey tool, or delete this column from the CSV to import the other questions now",
        labels.join(", ")
    ))
}

/// Notes each group under the rubric's minimum size, at its first respondent's line.
fn note_small_groups(
    export: &Export,
    rubric: &Rubric,
    groups: &[GroupTally],
    first_lines: &IndexMap<String, u32>,
    notes: &mut Vec<Note>,
) {
    for g in groups.iter().filter(|g| g.count < rubric.min_group_size) {
        let line = first_lines
            .get(&g.group)
            .copied()
            .unwrap_or_else(|| export.header_line());
        notes.push(Note {
            code: Code::SmallGroup,
            location: export.at(line, 0),
            message: format!(
                "group \"{}\" has {} respondent{}, under the rubric's minimum of {}: it is never shown on its own and counts in a question's mean only where the small groups together reach {}",
                g.group,
                g.count,
                if g.count == 1 { "" } else { "s" },
                rubric.min_group_size,
                rubric.min_group_size
            ),
        });
    }
}

impl Tally {
    /// The `respondents:` block, as YAML, ending with a newline.
    pub fn respondents_yaml(&self) -> String {
        let mut out = String::from("respondents:\n");
        out.push_str(&format!(
            "  # Tallied by `assess survey` from {}, a {}: {} of {} respondents counted.\n",
            file_name(&self.origin),
            self.layout,
            self.groups.iter().map(|g| g.count).sum::<u32>(),
            self.rows
        ));
        for g in &self.groups {
            out.push_str(&format!(
                "  - group: {}\n    count: {}\n    answers:\n",
                yaml_text(&g.group),
                g.count
            ));
            for (id, d) in &g.answers {
                let points: Vec<String> = d.iter().map(|(p, n)| format!("{p}: {n}")).collect();
                out.push_str(&format!("      {id}: {{{}}}\n", points.join(", ")));
            }
        }
        out
    }

    /// One line per matched column, for the person running the import.
    pub fn summary(&self) -> String {
        let counted: u32 = self.groups.iter().map(|g| g.count).sum();
        let mut out = format!(
            "{}: {}, {} respondent{}, {} counted in {} group{}\n",
            self.origin,
            self.layout,
            self.rows,
            if self.rows == 1 { "" } else { "s" },
            counted,
            self.groups.len(),
            if self.groups.len() == 1 { "" } else { "s" }
        );
        for c in &self.columns {
            let by = match &c.by {
                MatchedBy::Explicit => "--map".to_string(),
                MatchedBy::Id => "question id".to_string(),
                MatchedBy::Prompt => "question text".to_string(),
                MatchedBy::NearPrompt(p) => format!("question text, {p}% alike"),
            };
            let by = if c.somewhat_scale {
                format!(
                    "{by}; answers on Qualtrics's five-point scale: Somewhat agree = 4, Somewhat disagree = 2"
                )
            } else {
                by
            };
            out.push_str(&format!(
                "  column {} \"{}\" -> {} ({by})\n",
                c.letter,
                short(&c.header),
                c.criterion
            ));
        }
        out
    }
}

impl Tally {
    /// The groups as rows of a workbook's Respondents sheet: per question the distribution
    /// as one cell (`1: 4, 2: 7, 3: 4, 4: 2, 5: 0`).
    pub fn workbook_rows(&self) -> Vec<crate::workbook::GroupRow> {
        self.groups
            .iter()
            .map(|g| crate::workbook::GroupRow {
                group: g.group.clone(),
                count: g.count,
                answers: g
                    .answers
                    .iter()
                    .map(|(id, d)| {
                        let points: Vec<String> =
                            d.iter().map(|(p, n)| format!("{p}: {n}")).collect();
                        (
                            id.clone(),
                            crate::workbook::CellValue::Text(points.join(", ")),
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    /// `questionnaire` with its respondents replaced by this tally: the `respondents:` block
    /// of a YAML file (every other line kept), or the group rows of a workbook's Respondents
    /// sheet (everything else in the file kept). A workbook that cannot be changed safely is
    /// refused with the reason.
    pub fn merge_into(&self, questionnaire: &Source) -> Result<Source, String> {
        match questionnaire {
            Source::Text(text) => Ok(Source::Text(splice_respondents(
                text,
                &self.respondents_yaml(),
            ))),
            Source::Workbook(bytes) => {
                crate::workbook::write_respondents(bytes, &self.workbook_rows())
                    .map(Source::Workbook)
            }
        }
    }
}

/// Replaces the top-level `respondents:` block of questionnaire `text` with `block` (or adds
/// it at the end), keeping every other line, comments included, as it was.
pub fn splice_respondents(text: &str, block: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_key = |l: &str| {
        l.strip_prefix("respondents")
            .map(|rest| rest.trim_start_matches(' '))
            .is_some_and(|rest| rest.starts_with(':'))
    };
    let Some(start) = lines.iter().position(|l| is_key(l)) else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(block);
        return out;
    };
    // The block runs over indented lines, list items at column 0, and blank lines or
    // comments between them; what follows its last such line belongs to the rest of the file.
    let mut end = start + 1;
    let mut k = start + 1;
    while k < lines.len() {
        let l = lines[k];
        let first = l.chars().next();
        match first {
            Some(' ' | '\t' | '-') if !l.trim().is_empty() && !l.trim_start().starts_with('#') => {
                k += 1;
                end = k;
            }
            _ if l.trim().is_empty() || l.trim_start().starts_with('#') => k += 1,
            _ => break,
        }
    }
    let mut out: String = lines[..start].concat();
    out.push_str(block);
    out.push_str(&lines[end..].concat());
    out
}

fn file_name(origin: &str) -> &str {
    std::path::Path::new(origin)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(origin)
}

/// A group name as YAML: plain when that reads back as the same text, else quoted.
fn yaml_text(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '+' | '.'))
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "no" | "y" | "n" | "true" | "false" | "on" | "off" | "null"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

fn ids(criteria: &[&Criterion]) -> String {
    criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A header shortened for messages.
fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(57).collect::<String>())
    } else {
        one_line
    }
}

fn decode<'a>(origin: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostics> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Diagnostics::from(
            Diagnostic::error(
                Code::NotUtf8,
                Location::whole_file(origin),
                "the export is saved as UTF-16 (\"Unicode text\"), not UTF-8",
            )
            .with_hint("export or save it again as \"CSV UTF-8\""),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        Diagnostics::from(
            Diagnostic::error(
                Code::NotUtf8,
                Location::in_table(origin, &line.to_string(), line, 1),
                format!("byte 0x{:02x} is not UTF-8 text", bytes[e.valid_up_to()]),
            )
            .with_hint(
                "save the export as \"CSV UTF-8\" (Excel: Save as, CSV UTF-8 (Comma delimited))",
            ),
        )
    })
}

/// The separator: whichever of `,` `;` and tab occurs most in the first line, outside quotes.
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Every record with the line it starts on.
fn read_records(origin: &str, text: &str) -> Result<Vec<(u32, Vec<String>)>, Diagnostics> {
    if text.trim().is_empty() {
        return Err(Diagnostics::from(
            Diagnostic::error(
                Code::SurveyEmpty,
                Location::whole_file(origin),
                "the file is empty",
            )
            .with_hint("export the responses from the survey tool as CSV"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Lines as an editor numbers them, counted from the record's first byte.
    let mut counted = (0usize, 1u32);
    let mut line_at = |byte: u64| {
        let mut byte = (byte as usize).min(text.len());
        // After a CRLF line end the reader's position can sit on the `\n` it has not consumed.
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte >= counted.0 {
            counted.1 += text.as_bytes()[counted.0..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u32;
            counted.0 = byte;
        }
        counted.1
    };
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(1, |p| line_at(p.byte()));
                out.push((line, record.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_at(p.byte()));
                return Err(Diagnostics::from(
                    Diagnostic::error(
                        Code::CsvSyntax,
                        Location::in_table(origin, &line.to_string(), line, 1),
                        format!("the CSV cannot be read here: {e}"),
                    )
                    .with_hint("export the file again from the survey tool; a quote mark opened in a cell must be closed"),
                ));
            }
        }
    }
    Ok(out)
}

fn detect_layout(row0: &[String], row1: &[String], row2: &[String]) -> Layout {
    let has = |row: &[String], text: &str| row.iter().any(|c| c.trim().eq_ignore_ascii_case(text));
    if row2
        .iter()
        .any(|c| c.trim_start().starts_with("{\"ImportId\""))
    {
        return Layout::Qualtrics { header_rows: 3 };
    }
    if (has(row0, "ResponseId") || has(row0, "StartDate"))
        && (has(row1, "Response ID") || has(row1, "Start Date"))
    {
        return Layout::Qualtrics { header_rows: 2 };
    }
    if has(row0, "Respondent ID")
        && row1.first().is_some_and(|c| c.trim().is_empty())
        && has(row1, "Response")
    {
        return Layout::SurveyMonkey;
    }
    if has(row0, "Start time") && has(row0, "Completion time") {
        return Layout::MicrosoftForms;
    }
    if row0
        .first()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("Timestamp"))
    {
        return Layout::GoogleForms;
    }
    Layout::Plain
}

fn letter(mut index: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name
}

fn columns(layout: &Layout, row0: &[String], row1: &[String]) -> Vec<Column> {
    let mut out = Vec::new();
    let mut carried = String::new();
    for (i, h0) in row0.iter().enumerate() {
        let h0 = h0.trim().to_string();
        let h1 = row1
            .get(i)
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let mut candidates = vec![h0.clone()];
        let display = match layout {
            Layout::Qualtrics { .. } => {
                candidates.push(h1.clone());
                // Matrix items export as "Block title - Statement".
                if let Some((_, tail)) = h1.rsplit_once(" - ") {
                    candidates.push(tail.trim().to_string());
                }
                match h1.rsplit_once(" - ") {
                    Some((_, statement)) => statement.trim().to_string(),
                    None if h1.is_empty() => h0.clone(),
                    None => h1.clone(),
                }
            }
            Layout::SurveyMonkey => {
                if !h0.is_empty() {
                    carried = h0.clone();
                }
                candidates[0] = carried.clone();
                if h1.eq_ignore_ascii_case("Response")
                    || h1.eq_ignore_ascii_case("Open-Ended Response")
                    || h1.is_empty()
                {
                    carried.clone()
                } else {
                    candidates.push(h1.clone());
                    h1.clone()
                }
            }
            _ => h0.clone(),
        };
        // Grids export as "Title [Statement]" (Google Forms) or "Title.Statement" is ambiguous,
        // so only the bracketed form is split.
        for c in candidates.clone() {
            if let Some(inner) = c
                .strip_suffix(']')
                .and_then(|c| c.rsplit_once('['))
                .map(|(_, i)| i.trim().to_string())
            {
                candidates.push(inner);
            }
        }
        candidates.retain(|c| !c.is_empty());
        out.push(Column {
            index: i,
            letter: letter(i),
            display: if display.is_empty() {
                format!("column {}", letter(i))
            } else {
                display
            },
            candidates,
        });
    }
    out
}

fn find_column<'c>(columns: &'c [Column], wanted: &str) -> Option<&'c Column> {
    let w = wanted.trim();
    columns
        .iter()
        .find(|c| {
            c.candidates.iter().any(|h| h.eq_ignore_ascii_case(w))
                || c.display.eq_ignore_ascii_case(w)
        })
        .or_else(|| {
            let n = normalize(w);
            columns
                .iter()
                .find(|c| !n.is_empty() && c.candidates.iter().any(|h| normalize(h) == n))
        })
        .or_else(|| columns.iter().find(|c| c.letter.eq_ignore_ascii_case(w)))
}

/// Lower case, letters and digits only, single spaces: quotes and punctuation do not count.
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

enum Found<'r> {
    One(&'r Criterion, MatchedBy),
    Ambiguous(String, String),
    Near(String, u32),
    None,
}

/// A header this close to a question's text (0-1, normalised Levenshtein) matches it.
const NEAR: f64 = 0.85;

fn match_column<'r>(column: &Column, opinion: &[&'r Criterion]) -> Found<'r> {
    for h in &column.candidates {
        if let Some(k) = opinion.iter().find(|k| k.id.eq_ignore_ascii_case(h.trim())) {
            return Found::One(k, MatchedBy::Id);
        }
    }
    let headers: Vec<String> = column
        .candidates
        .iter()
        .map(|h| normalize(h))
        .filter(|h| !h.is_empty())
        .collect();
    for h in &headers {
        if let Some(k) = opinion.iter().find(|k| normalize(&k.prompt) == *h) {
            return Found::One(k, MatchedBy::Prompt);
        }
    }
    let mut scored: Vec<(f64, &Criterion)> = opinion
        .iter()
        .map(|k| {
            let p = normalize(&k.prompt);
            let best = headers
                .iter()
                .map(|h| {
                    let s = strsim::normalized_levenshtein(h, &p);
                    // "Please rate: <the statement>" contains the statement whole.
                    if p.len() >= 20 && h.contains(&p) {
                        s.max(0.95)
                    } else {
                        s
                    }
                })
                .fold(0.0, f64::max);
            (best, *k)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [(s, k), rest @ ..] if *s >= NEAR => {
            if let Some((s2, k2)) = rest.first()
                && *s2 >= NEAR
                && s - s2 < 0.05
            {
                return Found::Ambiguous(k.id.to_string(), k2.id.to_string());
            }
            Found::One(k, MatchedBy::NearPrompt((s * 100.0).floor() as u32))
        }
        [(s, k), ..] if *s >= 0.6 => Found::Near(k.id.to_string(), (s * 100.0).floor() as u32),
        _ => Found::None,
    }
}

/// Why an unreadable answer looks like one from a longer scale.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Beyond {
    /// A point past the end of the scale (or 0).
    Number(u32),
    /// Wording only a longer agreement scale has.
    Words,
}

/// Words of the seven-point (and longer) agreement scales that a five-point one lacks.
const LONGER_SCALE_WORDS: [&str; 4] = ["somewhat", "slightly", "moderately", "mildly"];

/// Whether `cell` (unreadable on the 1-`scale` scale) is an answer from a longer scale.
fn beyond(cell: &str, scale: u8) -> Option<Beyond> {
    let t = cell.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if let Ok(n) = digits.parse::<u32>()
        && (n == 0 || n > u32::from(scale))
    {
        return Some(Beyond::Number(n));
    }
    let words = label_part(t);
    LONGER_SCALE_WORDS
        .iter()
        .any(|w| words.split(' ').any(|x| x == *w))
        .then_some(Beyond::Words)
}

/// A cell's label without a leading number (`4 - Somewhat agree` -> `somewhat agree`),
/// normalised.
fn label_part(cell: &str) -> String {
    let n = normalize(cell);
    let rest = n.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
    rest.to_string()
}

/// Qualtrics's five-point agreement labels, when the rubric's scale is the usual five-point
/// agreement scale they stand for.
fn somewhat_five(scale: u8, labels: &[String]) -> Option<Vec<String>> {
    let usual = [
        "strongly disagree",
        "disagree",
        "neither agree nor disagree",
        "agree",
        "strongly agree",
    ];
    (scale == 5 && labels.len() == 5 && labels.iter().zip(usual).all(|(l, u)| normalize(l) == u))
        .then(|| {
            [
                "Strongly disagree",
                "Somewhat disagree",
                "Neither agree nor disagree",
                "Somewhat agree",
                "Strongly agree",
            ]
            .map(String::from)
            .to_vec()
        })
}

/// Line numbers for a message: up to twelve, then how many more.
fn line_list(lines: &[u32]) -> String {
    let shown: Vec<String> = lines.iter().take(12).map(u32::to_string).collect();
    if lines.len() > 12 {
        format!("{} and {} more", shown.join(", "), lines.len() - 12)
    } else {
        shown.join(", ")
    }
}

/// Answers that say "no answer" in so many words: not counted, like a blank.
const NON_ANSWERS: [&str; 8] = [
    "n/a",
    "na",
    "not applicable",
    "prefer not to say",
    "prefer not to answer",
    "don't know",
    "do not know",
    "-99",
];

/// A point of the scale from a cell: a number, a label, or both (`5 - Strongly agree`).
/// `Ok(None)` is no answer.
fn read_point(cell: &str, scale: u8, labels: &[String]) -> Result<Option<u8>, String> {
    let t = cell.trim().trim_matches('"').trim();
    if t.is_empty() || NON_ANSWERS.iter().any(|n| t.eq_ignore_ascii_case(n)) {
        return Ok(None);
    }
    let in_scale = |n: u32| -> Result<Option<u8>, String> {
        if n >= 1 && n <= u32::from(scale) {
            Ok(Some(n as u8))
        } else {
            Err(format!("{n} is outside the scale 1-{scale}"))
        }
    };
    if let Some(d) = crate::yaml::parse_decimal(t) {
        if d.fract().is_zero()
            && d >= rust_decimal::Decimal::ZERO
            && d <= rust_decimal::Decimal::from(1000)
        {
            return in_scale(
                u32::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).unwrap_or(0),
            );
        }
        return Err(format!("`{t}` is not a point of the scale 1-{scale}"));
    }
    let label_point = |text: &str| -> Option<u8> {
        let n = normalize(text);
        if let Some(i) = labels.iter().position(|l| normalize(l) == n) {
            return Some(i as u8 + 1);
        }
        let middle = labels.get(usize::from(scale) / 2).map(|l| normalize(l));
        let neutral = [
            "neutral",
            "neither agree or disagree",
            "neither disagree nor agree",
            "undecided",
        ];
        (scale % 2 == 1
            && middle.is_some_and(|m| m.starts_with("neither"))
            && neutral.contains(&n.as_str()))
        .then_some(scale / 2 + 1)
    };
    if let Some(p) = label_point(t) {
        return Ok(Some(p));
    }
    // "5 - Strongly agree", "5 = Strongly agree", "Strongly agree (5)".
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let number_and_label = if !digits.is_empty() {
        let rest = t[digits.len()..].trim_start_matches([' ', '-', '=', ':', '.', ')', '–']);
        Some((digits.clone(), rest.to_string()))
    } else {
        t.strip_suffix(')')
            .and_then(|s| s.rsplit_once('('))
            .map(|(label, number)| (number.trim().to_string(), label.trim().to_string()))
    };
    if let Some((number, label)) = number_and_label
        && let Ok(n) = number.parse::<u32>()
    {
        let point = in_scale(n)?;
        if let (Some(p), Some(l)) = (point, label_point(&label))
            && p != l
        {
            return Err(format!(
                "`{t}`: the number and the label disagree ({label} is point {l})"
            ));
        }
        if label.is_empty() || label_point(&label).is_some() {
            return Ok(point);
        }
    }
    Err(format!("`{t}` is not a point of the scale 1-{scale}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn answers_read_as_tools_write_them() {
        let l = labels();
        assert_eq!(read_point("4", 5, &l), Ok(Some(4)));
        assert_eq!(read_point("Strongly agree", 5, &l), Ok(Some(5)));
        assert_eq!(read_point(" strongly  DISAGREE ", 5, &l), Ok(Some(1)));
        assert_eq!(read_point("Neutral", 5, &l), Ok(Some(3)));
        assert_eq!(read_point("5 - Strongly agree", 5, &l), Ok(Some(5)));
        assert_eq!(read_point("Agree (4)", 5, &l), Ok(Some(4)));
        assert_eq!(read_point("", 5, &l), Ok(None));
        assert_eq!(read_point("Prefer not to say", 5, &l), Ok(None));
        assert!(read_point("6", 5, &l).is_err());
        assert!(read_point("3.5", 5, &l).is_err());
        assert!(read_point("Somewhat agree", 5, &l).is_err());
        assert!(read_point("2 - Agree", 5, &l).is_err());
    }

    #[test]
    fn separators_are_detected() {
        assert_eq!(delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(delimiter("\"a;x\",b,c\n"), b',');
        assert_eq!(delimiter("a\tb\n"), b'\t');
    }

    #[test]
    fn splicing_keeps_the_rest_of_the_file() {
        let text = "rubric: dual-track\n# about groups\nrespondents:\n  - group: a\n    count: 5\n\n# later\nanswers:\n  x: 1\n";
        let out = splice_respondents(text, "respondents:\n  - group: b\n");
        assert_eq!(
            out,
            "rubric: dual-track\n# about groups\nrespondents:\n  - group: b\n\n# later\nanswers:\n  x: 1\n"
        );
        assert_eq!(
            splice_respondents("rubric: x", "respondents: []\n"),
            "rubric: x\n\nrespondents: []\n"
        );
    }
}
