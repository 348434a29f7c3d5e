//! Rewrites loose spellings to their canonical form (`Yes` -> `yes`, `Principal` ->
//! `principal`, `agree` -> `4`, `"300"` -> `300`), touching nothing else: comments, layout,
//! quoting style of other values and line endings stay as they were.
//!
//! The edits come from the warnings a validated [`Questionnaire`](crate::Questionnaire)
//! carries; each replaces the exact characters its warning underlines, and only after checking
//! they are still there. In a workbook each replaces the value of the cell its warning names
//! (`Questions!D5`), keeping the cell's format, the drop-down lists and every other sheet.

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use crate::workbook::{CellEdit, CellValue};

/// `source` (YAML text or a workbook) with every warning's replacement applied; how many
/// replacements were made. A workbook that cannot be changed safely is refused with the
/// reason (see [`crate::workbook::set_cells`]).
pub fn rewrite(source: &Source, warnings: &[Diagnostic]) -> Result<(Source, usize), String> {
    match source {
        Source::Text(text) => {
            let (fixed, n) = apply(text, warnings);
            Ok((Source::Text(fixed), n))
        }
        Source::Workbook(bytes) => {
            let mut sheets: Vec<(String, Vec<CellEdit>)> = Vec::new();
            for w in warnings {
                let (Some(replacement), Some(cell)) = (&w.replacement, &w.location.cell) else {
                    continue;
                };
                let Some((sheet, _)) = cell.split_once('!') else {
                    continue;
                };
                let value = match crate::yaml::parse_decimal(replacement) {
                    Some(_) => CellValue::Number(replacement.clone()),
                    None => CellValue::Text(replacement.clone()),
                };
                let edit = CellEdit {
                    row: w.location.line.saturating_sub(1),
                    col: w.location.column.saturating_sub(1),
                    value,
                };
                match sheets.iter_mut().find(|(s, _)| s == sheet) {
                    Some((_, edits))
                        if !edits.iter().any(|e| (e.row, e.col) == (edit.row, edit.col)) =>
                    {
                        edits.push(edit)
                    }
                    Some(_) => {}
                    None => sheets.push((sheet.to_string(), vec![edit])),
                }
            }
            let mut bytes = bytes.clone();
            let mut n = 0;
            for (sheet, mut edits) in sheets {
                edits.sort_by_key(|e| (e.row, e.col));
                bytes = crate::workbook::set_cells(&bytes, &sheet, &edits)?;
                n += edits.len();
            }
            Ok((Source::Workbook(bytes), n))
        }
    }
}

/// `text` with every warning's [`Diagnostic::replacement`] applied. Returns the new text and
/// how many replacements were made.
pub fn apply(text: &str, warnings: &[Diagnostic]) -> (String, usize) {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut lines: Vec<String> = body.split('\n').map(str::to_string).collect();
    let mut edits: Vec<(usize, usize, usize, &str)> = warnings
        .iter()
        .filter_map(|w| {
            let replacement = w.replacement.as_deref()?;
            let line = w.location.line.checked_sub(1)? as usize;
            let column = w.location.column.checked_sub(1)? as usize;
            Some((line, column, w.width as usize, replacement))
        })
        .collect();
    // Right to left within a line, so earlier columns stay valid.
    edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    edits.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let mut applied = 0;
    for (line, column, width, replacement) in edits {
        let Some(l) = lines.get_mut(line) else {
            continue;
        };
        let chars: Vec<char> = l.chars().collect();
        if column + width > chars.len() {
            continue;
        }
        let before: String = chars[..column].iter().collect();
        let after: String = chars[column + width..].iter().collect();
        *l = format!("{before}{replacement}{after}");
        applied += 1;
    }
    (format!("{bom}{}", lines.join("\n")), applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;

    #[test]
    fn replaces_only_the_underlined_text() {
        let w = |line, column, width, to: &str| {
            Diagnostic::warning(
                crate::diagnostic::Code::NonCanonicalSpelling,
                Location::new("f", line, column),
                width,
                "m",
                to,
            )
        };
        let text = "a: Yes  # keep me\r\nb: \"300\"\r\nc: [Principal, Yes]\r\n";
        let (out, n) = apply(
            text,
            &[
                w(1, 4, 3, "yes"),
                w(2, 4, 5, "300"),
                w(3, 5, 9, "principal"),
                w(3, 16, 3, "yes"),
            ],
        );
        assert_eq!(n, 4);
        assert_eq!(
            out,
            "a: yes  # keep me\r\nb: 300\r\nc: [principal, yes]\r\n"
        );
    }
}
