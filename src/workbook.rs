//! The questionnaire as an Excel workbook: written by `assess init -o FILE.xlsx`, read by every
//! command that reads a questionnaire.
//!
//! Reading turns the workbook into the same located tree the YAML reader produces, so the
//! checks and their messages are the questionnaire module's own; only the places differ: they
//! name the sheet and cell (`acme.xlsx:Questions!D14`). This module owns the layout of the
//! sheets and the conversion of cell values; it must not judge answers itself, except for the
//! one thing only a spreadsheet can get wrong: a percentage stored as a fraction.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use compact_str::CompactString;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet,
};

use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::exact;
use crate::questionnaire::Questionnaire;
use crate::rubric::{AnswerSpec, Criterion, Rubric, Unit};
use crate::yaml::{Node, Value};

mod edit;
pub use edit::{CellEdit, CellValue, set_cells};

/// The sheet with one row per question.
pub const QUESTIONS: &str = "Questions";
/// The sheet with the organisation's facts and the rubric id.
pub const ORGANIZATION: &str = "Organization";
/// The sheet with survey results per respondent group: a row per group, a column per opinion
/// question, each cell the group's mean on the scale.
pub const RESPONDENTS: &str = "Respondents";

/// The header of the Questions sheet, in order. Reading finds columns by these names, so a
/// user may move columns or add their own.
const HEADERS: [&str; 7] = [
    "Question id",
    "Commitment",
    "Question",
    "Answer",
    "Evidence (where the answer comes from)",
    "Accepted answers",
    "How to find it",
];
const WIDTHS: [f64; 7] = [26.0, 24.0, 60.0, 22.0, 40.0, 46.0, 60.0];
const ANSWER_COLUMN: u16 = 3;

/// Whether `path` names a workbook (by its extension: `.xlsx`, `.xlsm`).
pub fn is_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
}

/// A blank questionnaire workbook for `rubric`: a Questions sheet (frozen header, drop-down
/// lists where the answer is a choice, yes/no or agreement scale), an Organization sheet, and
/// a Respondents sheet with a row for each of `groups`.
///
/// `created` is the creation time recorded in the file's properties, in seconds since 1970
/// (UTC); without it, the time of writing. Given the same time, the same rubric and groups
/// give the same bytes.
pub fn blank_workbook(
    rubric: &Rubric,
    groups: &[String],
    created: Option<i64>,
) -> Result<Vec<u8>, String> {
    write_workbook(rubric, groups, created).map_err(|e| format!("cannot build the workbook: {e}"))
}

/// The cell formats of a blank workbook.
struct Formats {
    /// Header cells: bold, shaded, a line under.
    header: Format,
    /// Text the workbook explains with.
    body: Format,
    /// Question ids and field names.
    id: Format,
    /// Cells to fill in.
    answer: Format,
    /// Cells to fill in with longer text.
    answer_text: Format,
}

fn write_workbook(
    rubric: &Rubric,
    groups: &[String],
    created: Option<i64>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(format!("{}: questionnaire", rubric.title))
        .set_subject(format!("{} {}", rubric.id, rubric.version))
        .set_comment("Fill in the Answer column on the Questions sheet, then check the file with assess validate.");
    if let Some(seconds) = created {
        properties = properties.set_creation_datetime(&ExcelDateTime::from_timestamp(seconds)?);
    }
    book.set_properties(&properties);
    let formats = formats();
    questions_sheet(&mut book, rubric, &formats)?;
    organization_sheet(&mut book, rubric, &formats)?;
    respondents_sheet(&mut book, rubric, groups, &formats)?;
    book.save_to_buffer()
}

fn formats() -> Formats {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E2F3))
        .set_border_bottom(FormatBorder::Thin);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let id = Format::new()
        .set_align(FormatAlign::Top)
        .set_font_color(Color::RGB(0x555555));
    let answer = Format::new()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xFFF7D6))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF));
    let answer_text = answer.clone().set_text_wrap();
    Formats {
        header,
        body,
        id,
        answer,
        answer_text,
    }
}

/// A new sheet named `name` with a header row of `columns` (title and width), frozen in place.
fn sheet_with_header<'b>(
    book: &'b mut Workbook,
    name: &str,
    columns: &[(&str, f64)],
    formats: &Formats,
) -> Result<&'b mut Worksheet, rust_xlsxwriter::XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (col, (title, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &formats.header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// The Questions sheet: a row per question, the answer cell with its drop-down list.
fn questions_sheet(
    book: &mut Workbook,
    rubric: &Rubric,
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let columns: Vec<(&str, f64)> = HEADERS.into_iter().zip(WIDTHS).collect();
    let sheet = sheet_with_header(book, QUESTIONS, &columns, formats)?;
    let mut row = 0u32;
    for commitment in &rubric.commitments {
        for criterion in &commitment.criteria {
            row += 1;
            sheet.write_string_with_format(row, 0, criterion.id.as_str(), &formats.id)?;
            sheet.write_string_with_format(row, 1, commitment.title.as_str(), &formats.body)?;
            sheet.write_string_with_format(row, 2, criterion.prompt.trim(), &formats.body)?;
            sheet.write_blank(row, ANSWER_COLUMN, &formats.answer)?;
            sheet.write_blank(row, 4, &formats.answer_text)?;
            sheet.write_string_with_format(row, 5, accepted(rubric, criterion), &formats.body)?;
            sheet.write_string_with_format(row, 6, criterion.help.trim(), &formats.body)?;
            sheet.add_data_validation(
                row,
                ANSWER_COLUMN,
                row,
                ANSWER_COLUMN,
                &validation(criterion)?,
            )?;
        }
    }
    sheet.autofilter(0, 0, row, HEADERS.len() as u16 - 1)?;
    Ok(())
}

/// The Organization sheet: the rubric id, the organisation's name and the date.
fn organization_sheet(
    book: &mut Workbook,
    rubric: &Rubric,
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let columns = [("Field", 18.0), ("Value", 30.0), ("About", 70.0)];
    let sheet = sheet_with_header(book, ORGANIZATION, &columns, formats)?;
    let rows = [
        (
            "rubric",
            rubric.id.as_str(),
            "The rubric these answers are for; leave as it is.",
        ),
        ("name", "", "Your organisation's name, shown on the report."),
        (
            "assessed_on",
            "",
            "The date the answers were collected (a date cell, or text YYYY-MM-DD).",
        ),
    ];
    for (i, (key, value, about)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string_with_format(r, 0, *key, &formats.id)?;
        if value.is_empty() {
            sheet.write_blank(r, 1, &formats.answer)?;
        } else {
            sheet.write_string_with_format(r, 1, *value, &formats.answer)?;
        }
        sheet.write_string_with_format(r, 2, *about, &formats.body)?;
    }
    let more = rows.len() as u32 + 2;
    sheet.write_string_with_format(
        more,
        2,
        "Add more facts about the organisation on rows of their own: a field name in column A, its value in column B.",
        &formats.body,
    )?;
    Ok(())
}

/// The Respondents sheet: a row per group, a column per opinion question.
fn respondents_sheet(
    book: &mut Workbook,
    rubric: &Rubric,
    groups: &[String],
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let opinion: Vec<&Criterion> = rubric
        .criteria()
        .map(|(_, c)| c)
        .filter(|c| c.opinion)
        .collect();
    let mut columns = vec![("Group", 24.0), ("Count", 9.0)];
    columns.extend(opinion.iter().map(|c| (c.id.as_str(), 20.0)));
    let sheet = sheet_with_header(book, RESPONDENTS, &columns, formats)?;
    for (i, c) in opinion.iter().enumerate() {
        let col = i as u16 + 2;
        let scale = match c.answer {
            AnswerSpec::Likert { scale, .. } => f64::from(scale),
            _ => continue,
        };
        let mean = DataValidation::new()
            .allow_decimal_number(rust_xlsxwriter::DataValidationRule::Between(1.0, scale))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_input_title(truncate(&c.id, 32))?
            .set_input_message(truncate(
                &format!(
                    "The group's mean, 1-{scale} (e.g. 3.4), or how many chose each point (1: 4, 2: 7, ...): {}",
                    c.prompt.trim()
                ),
                250,
            ))?;
        sheet.add_data_validation(1, col, 200, col, &mean)?;
    }
    let last = opinion.len() as u16 + 1;
    for (i, g) in groups.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string_with_format(r, 0, g, &formats.id)?;
        sheet.write_blank(r, 1, &formats.answer)?;
        for col in 2..=last {
            sheet.write_blank(r, col, &formats.answer)?;
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    let note = groups.len() as u32 + 2;
    sheet.write_string_with_format(
        note,
        0,
        format!(
            "One row per group of respondents: its name, how many people answered (Count), and per opinion question the group's mean on the scale (e.g. 3.4). Groups under {} people are never shown on their own. Instead of the mean a cell may hold how many chose each point, as 1: 4, 2: 7, 3: 4, 4: 2, 5: 0 (adding up to Count); `assess survey EXPORT.csv --into this-file.xlsx` writes these rows from a survey tool's export. Leave a question blank where the group was not asked; answer an opinion question either here or on the Questions sheet, not both.",
            rubric.min_group_size
        ),
        &formats.body,
    )?;
    Ok(())
}

/// The answers a question accepts, as one cell of text.
fn accepted(rubric: &Rubric, criterion: &Criterion) -> String {
    let mut text = match &criterion.answer {
        AnswerSpec::Likert { scale, labels, .. } => {
            let mut t = format!("1-{scale}:");
            for (i, l) in labels.iter().enumerate() {
                t.push_str(&format!("\n{} = {l}", i + 1));
            }
            t.push_str("\nA group mean such as 3.4 is fine (Excel warns; choose Yes).");
            if criterion.opinion {
                t.push_str(&format!(
                    "\nSurvey item: answer it per respondent group on sheet Respondents instead (groups under {} people are never shown on their own).",
                    rubric.min_group_size
                ));
            }
            t
        }
        AnswerSpec::YesNo { .. } => "yes or no".into(),
        AnswerSpec::Number { unit, min, max, .. } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!(" from {} to {}", exact::plain(*a), exact::plain(*b)),
                (Some(a), None) => format!(" of at least {}", exact::plain(*a)),
                (None, Some(b)) => format!(" up to {}", exact::plain(*b)),
                (None, None) => String::new(),
            };
            match unit {
                Unit::Ratio => format!(
                    "A ratio as a decimal{range}, e.g. 0.95 (a cell formatted as %, 95%, is fine)"
                ),
                Unit::Percent => format!(
                    "A percentage as a plain number{range}, e.g. 38 for 38% (do not format the cell as %)"
                ),
                Unit::Count => format!("A whole number{range}"),
                Unit::Months => format!("A number of months{range}"),
            }
        }
        AnswerSpec::Choice { options } => {
            let mut t = "One of:".to_string();
            for o in options {
                t.push_str(&format!("\n{}: {}", o.id, o.label));
            }
            t
        }
    };
    text.push_str("\nOr: unknown / n/a. Blank counts as missing.");
    if criterion.is_context() {
        text.push_str("\n(Context: not scored, but other questions depend on it.)");
    }
    text
}

/// The drop-down list (or input message) for a question's answer cell.
fn validation(criterion: &Criterion) -> Result<DataValidation, rust_xlsxwriter::XlsxError> {
    let mut list: Vec<String> = match &criterion.answer {
        AnswerSpec::Likert { labels, .. } => labels.clone(),
        AnswerSpec::YesNo { .. } => vec!["yes".into(), "no".into()],
        AnswerSpec::Choice { options } => options.iter().map(|o| o.id.clone()).collect(),
        AnswerSpec::Number { .. } => {
            return DataValidation::new()
                .allow_any_value()
                .set_input_title("Answer")?
                .set_input_message(truncate(
                    &format!("{}\nOr: unknown / n/a.", number_hint(criterion)),
                    250,
                ));
        }
    };
    list.extend(["unknown".to_string(), "n/a".to_string()]);
    let dv = DataValidation::new().allow_list_strings(&list)?;
    // A likert answer may be a group mean (3.4), which is not on the list: warn, do not refuse.
    Ok(match criterion.answer {
        AnswerSpec::Likert { .. } => dv
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Not a point of the scale")?
            .set_error_message(
                "Pick a point of the scale, or keep a group mean such as 3.4 (choose Yes).",
            )?,
        _ => dv
            .set_error_title("Not an accepted answer")?
            .set_error_message("Pick an answer from the list (or unknown / n/a).")?,
    })
}

fn number_hint(criterion: &Criterion) -> String {
    match &criterion.answer {
        AnswerSpec::Number { unit, min, max, .. } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!(" from {} to {}", exact::plain(*a), exact::plain(*b)),
                _ => String::new(),
            };
            match unit {
                Unit::Ratio => format!("A ratio{range}, e.g. 0.95"),
                Unit::Percent => format!("A percentage{range}: 38 for 38%"),
                Unit::Count => format!("A whole number{range}"),
                Unit::Months => format!("Months{range}"),
            }
        }
        _ => String::new(),
    }
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Reads a questionnaire workbook and validates it like a YAML questionnaire (using `rubric`
/// when given, else the rubric the Organization sheet names).
pub fn read_questionnaire(
    origin: &str,
    bytes: &[u8],
    catalog: &Catalog,
    rubric: Option<&Rubric>,
) -> Result<(Rubric, crate::questionnaire::Questionnaire), Diagnostics> {
    let read = read_tree(origin, bytes)?;
    let draft = Questionnaire::from_tree(origin, read.root);
    let mut problems = read.problems;
    let loaded = catalog.load_draft(draft, rubric);
    let rubric_used = match &loaded {
        Ok((r, _)) => Some(r.clone()),
        Err(_) => rubric.cloned().or_else(|| {
            read.rubric_id
                .as_deref()
                .and_then(|id| catalog.get(crate::questionnaire::RubricRef::parse(id).id.as_str()))
                .cloned()
        }),
    };
    if let Some(r) = &rubric_used {
        for fraction in &read.fractions {
            if let Some(c) = r.criterion(&fraction.criterion)
                && let AnswerSpec::Number {
                    unit: Unit::Percent,
                    ..
                } = c.answer
            {
                let percent = fraction.value * Decimal::ONE_HUNDRED;
                problems.push(
                    Diagnostic::error(
                        Code::PercentAsFraction,
                        fraction.location.clone(),
                        format!(
                            "the cell holds {}, which is how Excel stores {}% typed into a cell formatted as a percentage",
                            exact::plain(fraction.value),
                            exact::plain(percent)
                        ),
                    )
                    .with_hint(format!(
                        "`{}` takes the percentage as a plain number: set the cell's format to General and type {}",
                        c.id,
                        exact::plain(percent)
                    )),
                );
            }
        }
    }
    match loaded {
        Ok(ok) if problems.is_empty() => Ok(ok),
        Ok(_) => Err(problems.finish("")),
        Err(d) => {
            problems.extend(d);
            Err(problems.finish(""))
        }
    }
}

/// Reads a questionnaire workbook into a draft, before it is checked against a rubric; the
/// cells that cannot be read at all (an Excel error, an answer without a question id) are
/// errors here.
pub fn read_draft(
    origin: &str,
    bytes: &[u8],
) -> Result<crate::questionnaire::QuestionnaireDraft, Diagnostics> {
    let read = read_tree(origin, bytes)?;
    if !read.problems.is_empty() {
        return Err(read.problems.finish(""));
    }
    Ok(Questionnaire::from_tree(origin, read.root))
}

/// A number under 1 (and above 0) in an answer cell: a percentage if the question takes one.
struct Fraction {
    criterion: String,
    value: Decimal,
    location: Location,
}

struct ReadTree {
    root: Node,
    rubric_id: Option<String>,
    problems: Diagnostics,
    fractions: Vec<Fraction>,
}

fn column_name(mut col: u32) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'A' + (col % 26) as u8) as char);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name
}

fn place(origin: &str, sheet: &str, row: u32, col: u32) -> Location {
    Location::in_table(
        origin,
        &format!("{sheet}!{}{}", column_name(col), row + 1),
        row + 1,
        col + 1,
    )
}

fn node(value: Value, text: impl Into<CompactString>, location: Location) -> Node {
    Node {
        value,
        text: text.into(),
        location,
    }
}

/// The decimal a cell's binary float stands for, as Excel shows it: rounded to Excel's 15
/// significant digits, then the shortest text that reads back as that float. A typed 0.97
/// stays 0.97 (never 0.9699999999999999), and a formula's 0.1 + 0.2 reads as 0.3.
pub fn float_text(f: f64) -> String {
    let excel = format!("{f:.14e}").parse::<f64>().unwrap_or(f);
    let text = format!("{excel}");
    if text == "-0" { "0".into() } else { text }
}

/// A cell as a node; `None` for an empty cell.
fn cell_node(data: &Data, location: Location) -> Result<Option<Node>, Diagnostic> {
    Ok(match data {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => Some(node(Value::String, s.trim(), location)),
        Data::Int(i) => Some(node(Value::Number, i.to_string(), location)),
        Data::Float(f) if f.is_finite() => Some(node(Value::Number, float_text(*f), location)),
        Data::Float(_) => Some(node(Value::String, "not a number", location)),
        Data::Bool(b) => Some(node(
            Value::Bool(*b),
            if *b { "yes" } else { "no" },
            location,
        )),
        Data::DateTime(d) => Some(node(Value::String, excel_date(d), location)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Some(node(Value::String, s.get(..10).unwrap_or(s), location))
        }
        Data::Error(e) => {
            return Err(Diagnostic::error(
                Code::CellError,
                location,
                format!("the cell holds the Excel error {e}"),
            )
            .with_hint("type the answer as a value; a formula that fails cannot be read"));
        }
    })
}

/// An Excel date cell as YYYY-MM-DD, in the workbook's own date system: serial 1 is
/// 1 January 1900 in the 1900 system (Windows Excel, LibreOffice, Google Sheets) and 2 January
/// 1904 in the 1904 system (older Mac Excel), so the same serial is four years apart in the two.
fn excel_date(date: &calamine::ExcelDateTime) -> String {
    let (y, m, d, ..) = date.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{d:02}")
}

/// The Respondents sheet as the `respondents:` list; `None` when no group row is filled in.
fn read_respondents(
    origin: &str,
    sheet: &str,
    range: &calamine::Range<Data>,
    problems: &mut Diagnostics,
) -> Option<Node> {
    let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) else {
        return None;
    };
    if r0 > 0 {
        return None;
    }
    let header = |col: u32| match range.get_value((0, col)) {
        Some(Data::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let mut groups = Vec::new();
    for row in 1..=r1 {
        let mut cell = |col: u32| -> Option<Node> {
            match cell_node(range.get_value((row, col))?, place(origin, sheet, row, col)) {
                Ok(n) => n,
                Err(d) => {
                    problems.push(d);
                    None
                }
            }
        };
        let group = cell(0);
        let count = cell(1);
        let mut answers = Vec::new();
        for col in c0.max(2)..=c1 {
            let (Some(id), Some(value)) = (header(col), cell(col)) else {
                continue;
            };
            let value = distribution_node(&value).unwrap_or(value);
            answers.push((node(Value::String, id, place(origin, sheet, 0, col)), value));
        }
        // The sheet's explanation sits below the groups, in column A on a row of its own.
        let Some(group) = group else { continue };
        if count.is_none() && answers.is_empty() {
            continue;
        }
        let at = place(origin, sheet, row, 0);
        let k = |name: &str| node(Value::String, name, at.clone());
        let mut entries = vec![(k("group"), group)];
        if let Some(count) = count {
            entries.push((k("count"), count));
        }
        let answers_at = place(origin, sheet, row, 2);
        entries.push((k("answers"), node(Value::Map(answers), "", answers_at)));
        groups.push(node(Value::Map(entries), "", at));
    }
    (!groups.is_empty()).then(|| node(Value::Seq(groups), "", place(origin, sheet, 0, 0)))
}

/// A cell holding how many chose each point (`1: 4, 2: 7, 3: 4, 4: 2, 5: 0`, braces optional)
/// as the map a YAML distribution is; `None` for any other text.
fn distribution_node(cell: &Node) -> Option<Node> {
    if cell.value != Value::String {
        return None;
    }
    let text = cell.text.trim();
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    let mut entries = Vec::new();
    for pair in inner.split([',', ';']) {
        let (point, count) = pair.split_once(':')?;
        let (point, count) = (point.trim(), count.trim());
        let number = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
        if !number(point) || !number(count) {
            return None;
        }
        let at = || cell.location.clone();
        entries.push((
            node(Value::Number, point, at()),
            node(Value::Number, count, at()),
        ));
    }
    Some(node(Value::Map(entries), "", cell.location.clone()))
}

/// One group's row for the Respondents sheet: its name, how many answered, and per question id
/// the cell to write (a mean, or a distribution as `1: 4, 2: 7, 3: 4, 4: 2, 5: 0`).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The group's name (column A).
    pub group: String,
    /// How many people answered (column B).
    pub count: u32,
    /// Per question id, the cell's value.
    pub answers: Vec<(String, CellValue)>,
}

/// `bytes` (a questionnaire workbook) with the Respondents sheet holding `groups` instead of
/// the groups it held, as a YAML `respondents:` block is replaced: a group already on the sheet
/// keeps its row, other groups go to rows the old groups used or to empty rows, a question
/// without a column gets one at the end of the header, and the rows of old groups not in
/// `groups` are cleared. Everything else in the file (other sheets, formats, drop-down lists,
/// notes in other cells) is kept.
pub fn write_respondents(bytes: &[u8], groups: &[GroupRow]) -> Result<Vec<u8>, String> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("this is not a readable .xlsx workbook ({e})"))?;
    let Some(name) = book
        .sheet_names()
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(RESPONDENTS))
        .cloned()
    else {
        return Err(format!(
            "the workbook has no sheet \"{RESPONDENTS}\" to write the groups into; add one as `assess init -o FILE.xlsx` writes it (a header row Group, Count and the question ids), or use a YAML questionnaire"
        ));
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet {name}: {e}"))?;
    let sheet = Cells(&range);
    let mut edits: Vec<CellEdit> = Vec::new();
    let question_columns = respondents_header(&sheet, groups, &mut edits);
    let placed = place_groups(&sheet, groups, &question_columns, &mut edits);
    let mut set = |row: u32, col: u32, value: CellValue| edits.push(CellEdit { row, col, value });
    for (row, g) in placed {
        set(row, 0, CellValue::Text(g.group.clone()));
        set(row, 1, CellValue::Number(g.count.to_string()));
        for (header, col) in &question_columns {
            match g
                .answers
                .iter()
                .find(|(id, _)| id.eq_ignore_ascii_case(header))
            {
                Some((_, value)) => set(row, *col, value.clone()),
                None if sheet.filled(row, *col) => set(row, *col, CellValue::Blank),
                None => {}
            }
        }
    }
    edits.sort_by_key(|e| (e.row, e.col));
    edits.dedup_by_key(|e| (e.row, e.col));
    set_cells(bytes, &name, &edits)
}

/// The cells of a sheet as `write_respondents` reads them.
struct Cells<'a>(&'a calamine::Range<Data>);

impl Cells<'_> {
    /// The last row and column used.
    fn end(&self) -> (u32, u32) {
        self.0.end().unwrap_or((0, 1))
    }

    /// The cell's text, trimmed, when it holds some.
    fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.0.get_value((row, col)) {
            Some(Data::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    /// Whether the cell holds anything but blanks.
    fn filled(&self, row: u32, col: u32) -> bool {
        self.0.get_value((row, col)).is_some_and(|d| {
            !matches!(d, Data::Empty) && !matches!(d, Data::String(s) if s.trim().is_empty())
        })
    }
}

/// The Respondents sheet's question columns, found by their header; a question of `groups`
/// without one gets the next free column (and `Group`/`Count` headers are restored), as edits.
fn respondents_header(
    sheet: &Cells,
    groups: &[GroupRow],
    edits: &mut Vec<CellEdit>,
) -> Vec<(String, u32)> {
    let (_, c1) = sheet.end();
    let mut set = |row: u32, col: u32, value: CellValue| edits.push(CellEdit { row, col, value });
    let mut question_columns: Vec<(String, u32)> = (2..=c1)
        .filter_map(|col| sheet.text(0, col).map(|h| (h, col)))
        .collect();
    let mut next = c1.max(1) + 1;
    if sheet.text(0, 0).is_none() {
        set(0, 0, CellValue::Text("Group".into()));
    }
    if sheet.text(0, 1).is_none() {
        set(0, 1, CellValue::Text("Count".into()));
    }
    for g in groups {
        for (id, _) in &g.answers {
            if !question_columns
                .iter()
                .any(|(h, _)| h.eq_ignore_ascii_case(id))
            {
                set(0, next, CellValue::Text(id.clone()));
                question_columns.push((id.clone(), next));
                next += 1;
            }
        }
    }
    question_columns
}

/// The row each of `groups` goes to: its own row when the sheet has one, else a row an old
/// group used or an empty one, else a new row at the end. The rows of old groups not in
/// `groups` are cleared, name included (as edits).
///
/// A group's row holds a name and a count or an answer. The rows right under the header that
/// hold only a short name are groups too, still empty (`init --groups` writes them so); longer
/// text with nothing beside it is a note (like the sheet's explanation), and is kept wherever
/// it is.
fn place_groups<'g>(
    sheet: &Cells,
    groups: &'g [GroupRow],
    question_columns: &[(String, u32)],
    edits: &mut Vec<CellEdit>,
) -> Vec<(u32, &'g GroupRow)> {
    let (r1, c1) = sheet.end();
    let next = question_columns
        .iter()
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(1)
        .max(c1.max(1))
        + 1;
    let label = |row: u32| {
        sheet
            .text(row, 0)
            .is_some_and(|t| t.chars().count() <= 40 && !t.contains(". ") && !t.contains('\n'))
    };
    let block_end = (1..=r1).find(|row| !label(*row)).unwrap_or(r1 + 1);
    let is_group_row = |row: u32| {
        sheet.text(row, 0).is_some()
            && (row < block_end
                || sheet.filled(row, 1)
                || question_columns
                    .iter()
                    .any(|(_, col)| sheet.filled(row, *col)))
    };
    let is_empty_row = |row: u32| (0..=c1.max(next)).all(|col| !sheet.filled(row, col));
    let mut taken: Vec<u32> = Vec::new();
    let mut placed: Vec<(u32, &GroupRow)> = Vec::new();
    for g in groups {
        if let Some(row) = (1..=r1).find(|row| {
            sheet.text(*row, 0).as_deref() == Some(g.group.trim()) && !taken.contains(row)
        }) {
            taken.push(row);
            placed.push((row, g));
        }
    }
    let free: Vec<u32> = (1..=r1)
        .filter(|row| !taken.contains(row) && (is_group_row(*row) || is_empty_row(*row)))
        .collect();
    let mut free = free.into_iter().chain(r1 + 1..);
    for g in groups {
        if placed.iter().any(|(_, p)| std::ptr::eq(*p, g)) {
            continue;
        }
        let row = free.next().unwrap_or(r1 + 1);
        taken.push(row);
        placed.push((row, g));
    }
    for row in 1..=r1 {
        if is_group_row(row) && !taken.contains(&row) {
            edits.push(CellEdit {
                row,
                col: 0,
                value: CellValue::Blank,
            });
            edits.push(CellEdit {
                row,
                col: 1,
                value: CellValue::Blank,
            });
            for (_, col) in question_columns {
                if sheet.filled(row, *col) {
                    edits.push(CellEdit {
                        row,
                        col: *col,
                        value: CellValue::Blank,
                    });
                }
            }
        }
    }
    placed
}

fn not_a_workbook(origin: &str, why: String) -> Diagnostics {
    Diagnostics::from(
        Diagnostic::error(Code::NotAWorkbook, Location::whole_file(origin), why).with_hint(
            "save it from Excel, LibreOffice or Google Sheets as an Excel workbook (.xlsx); `assess init -o FILE.xlsx` writes a blank one",
        ),
    )
}

fn read_tree(origin: &str, bytes: &[u8]) -> Result<ReadTree, Diagnostics> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        not_a_workbook(
            origin,
            format!("this is not a readable .xlsx workbook ({e})"),
        )
    })?;
    let names = book.sheet_names();
    let find = |wanted: &str| {
        names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted))
            .cloned()
    };
    let Some(questions_name) = find(QUESTIONS) else {
        return Err(not_a_workbook(
            origin,
            format!(
                "the workbook has no sheet named \"{QUESTIONS}\" (its sheets: {})",
                names.join(", ")
            ),
        ));
    };
    let mut read = ReadTree {
        root: node(Value::Null, "", place(origin, &questions_name, 0, 0)),
        rubric_id: None,
        problems: Diagnostics::new(),
        fractions: Vec::new(),
    };
    let mut top: Vec<(Node, Node)> = Vec::new();
    let org_at = Location::in_table(origin, &format!("{ORGANIZATION}!A1"), 1, 1);
    let mut organization: Vec<(Node, Node)> = Vec::new();
    if let Some(name) = find(ORGANIZATION) {
        let range = sheet_range(&mut book, origin, &name)?;
        read_organization(
            origin,
            &name,
            &range,
            &mut read,
            &mut top,
            &mut organization,
        );
    }
    top.push((
        key("organization", &org_at),
        node(Value::Map(organization), "", org_at.clone()),
    ));
    let range = sheet_range(&mut book, origin, &questions_name)?;
    let header_at = place(origin, &questions_name, 0, 0);
    if let Some(answers) = read_questions(origin, &questions_name, &range, &mut read)? {
        top.push((key("answers", &header_at), answers));
    }
    if let Some(name) = find(RESPONDENTS) {
        let range = sheet_range(&mut book, origin, &name)?;
        if let Some(groups) = read_respondents(origin, &name, &range, &mut read.problems) {
            let at = place(origin, &name, 0, 0);
            top.push((key("respondents", &at), groups));
        }
    }
    read.root = node(Value::Map(top), "", header_at);
    Ok(read)
}

/// A key of the tree, at `location`.
fn key(name: &str, location: &Location) -> Node {
    node(Value::String, name, location.clone())
}

/// The cells of sheet `name`.
fn sheet_range(
    book: &mut Xlsx<Cursor<&[u8]>>,
    origin: &str,
    name: &str,
) -> Result<calamine::Range<Data>, Diagnostics> {
    book.worksheet_range(name)
        .map_err(|e| not_a_workbook(origin, format!("cannot read sheet {name}: {e}")))
}

/// The Organization sheet: a field in column A, its value in column B. `rubric` and
/// `assessed_on` go to the top of the tree, other fields with a value to `organization`.
fn read_organization(
    origin: &str,
    sheet: &str,
    range: &calamine::Range<Data>,
    read: &mut ReadTree,
    top: &mut Vec<(Node, Node)>,
    organization: &mut Vec<(Node, Node)>,
) {
    let (Some((r0, _)), Some((r1, _))) = (range.start(), range.end()) else {
        return;
    };
    for row in r0.max(1)..=r1 {
        let field = range.get_value((row, 0)).and_then(|d| match d {
            Data::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        });
        let Some(field) = field else { continue };
        let at = place(origin, sheet, row, 1);
        let value = match range.get_value((row, 1)).map(|d| cell_node(d, at.clone())) {
            Some(Ok(Some(n))) => n,
            Some(Err(d)) => {
                read.problems.push(d);
                continue;
            }
            _ => node(Value::Null, "", at.clone()),
        };
        let field_at = place(origin, sheet, row, 0);
        match field.as_str() {
            "rubric" => {
                read.rubric_id = value.scalar().map(str::to_string);
                top.push((key("rubric", &field_at), value));
            }
            "assessed_on" => top.push((key("assessed_on", &field_at), value)),
            _ if value.value == Value::Null => {}
            _ => organization.push((key(&field, &field_at), value)),
        }
    }
}

/// The Questions sheet's columns that matter, found by their header.
struct QuestionColumns {
    id: u32,
    answer: u32,
    evidence: Option<u32>,
}

/// The Questions sheet as the `answers` map (`None` for an empty sheet); refused when the
/// header lacks "Question id" or "Answer".
fn read_questions(
    origin: &str,
    sheet: &str,
    range: &calamine::Range<Data>,
    read: &mut ReadTree,
) -> Result<Option<Node>, Diagnostics> {
    let header_at = place(origin, sheet, 0, 0);
    let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) else {
        return Ok(None);
    };
    let mut found: [Option<u32>; 3] = [None; 3];
    for col in c0..=c1 {
        if let Some(Data::String(s)) = range.get_value((0, col)) {
            let h = s.trim().to_ascii_lowercase();
            let slot = if h == "question id" || h == "id" {
                0
            } else if h == "answer" {
                1
            } else if h.starts_with("evidence") {
                2
            } else {
                continue;
            };
            found[slot].get_or_insert(col);
        }
    }
    let (Some(id), Some(answer)) = (found[0], found[1]) else {
        return Err(Diagnostics::from(
            Diagnostic::error(
                Code::NotAWorkbook,
                header_at,
                "the first row of sheet Questions needs the column headers \"Question id\" and \"Answer\"",
            )
            .with_hint("restore the header row as `assess init -o FILE.xlsx` writes it"),
        ));
    };
    let columns = QuestionColumns {
        id,
        answer,
        evidence: found[2],
    };
    let answers: Vec<(Node, Node)> = (r0.max(1)..=r1)
        .filter_map(|row| question_row(origin, sheet, range, row, &columns, read))
        .collect();
    Ok(Some(node(Value::Map(answers), "", header_at)))
}

/// One row of the Questions sheet as an `id: answer` entry (`answer` a map with `value` and
/// `evidence` when the row has evidence); `None` for a row without an answer. Notes an answer
/// between 0 and 1, which may be a percentage stored as a fraction.
fn question_row(
    origin: &str,
    sheet: &str,
    range: &calamine::Range<Data>,
    row: u32,
    columns: &QuestionColumns,
    read: &mut ReadTree,
) -> Option<(Node, Node)> {
    let cell = |col: u32| place(origin, sheet, row, col);
    let mut get = |col: Option<u32>| -> Option<Node> {
        let col = col?;
        match cell_node(range.get_value((row, col))?, cell(col)) {
            Ok(n) => n,
            Err(d) => {
                read.problems.push(d);
                None
            }
        }
    };
    let id = get(Some(columns.id));
    let answer = get(Some(columns.answer));
    let evidence = get(columns.evidence);
    let Some(id) = id else {
        if let Some(a) = answer.as_ref().or(evidence.as_ref()) {
            read.problems.push(
                Diagnostic::error(
                    Code::AnswerWithoutQuestion,
                    a.location.clone(),
                    format!("row {} has an answer but no question id", row + 1),
                )
                .with_hint("put the question id in the Question id column, or delete the row"),
            );
        }
        return None;
    };
    let id = node(Value::String, id.text, id.location);
    if let Some(a) = &answer
        && a.value == Value::Number
        && let Some(v) = a.decimal()
        && v > Decimal::ZERO
        && v < Decimal::ONE
    {
        read.fractions.push(Fraction {
            criterion: id.text.to_string(),
            value: v,
            location: a.location.clone(),
        });
    }
    let value = match (answer, evidence) {
        (None, None) => return None,
        (Some(a), None) => a,
        (answer, Some(e)) => {
            let at = cell(columns.answer);
            let a = answer.unwrap_or_else(|| node(Value::Null, "", at.clone()));
            let evidence_key = node(Value::String, "evidence", e.location.clone());
            let e = node(Value::String, e.text, e.location);
            node(
                Value::Map(vec![(key("value", &at), a), (evidence_key, e)]),
                "",
                at,
            )
        }
    };
    Some((id, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_keep_the_decimal_excel_shows() {
        assert_eq!(float_text(0.97), "0.97");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(0.31), "0.31");
        assert_eq!(float_text(3.0), "3");
        assert_eq!(float_text(1234.5), "1234.5");
    }

    #[test]
    fn columns_and_dates_read_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(26), "AA");
        let date = |serial, is_1904| {
            excel_date(&calamine::ExcelDateTime::new(
                serial,
                calamine::ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        assert_eq!(date(46_327.0, false), "2026-11-01");
        assert_eq!(date(25_569.0, false), "1970-01-01");
        // The same day in a workbook saved with the 1904 date system.
        assert_eq!(date(44_865.0, true), "2026-11-01");
    }
}
