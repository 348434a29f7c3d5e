//! Changing a few cells of an existing workbook, keeping everything else byte for byte.
//!
//! A `.xlsx` file is a zip of XML parts. Only the one worksheet part that holds the cells is
//! rewritten, and in it only the cells named (their style is kept); every other part (other
//! sheets, styles, shared strings, drop-down lists, charts, macros) is copied unchanged. New
//! text is written as an inline string, so the shared strings table is never touched. Anything
//! this cannot do exactly (a sheet it cannot find, cells without addresses, a formula in a cell
//! to change) is refused with the reason, and nothing is changed.

use std::io::{Cursor, Read, Write};

/// A new value for a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Text, written as an inline string.
    Text(String),
    /// A number, written as it reads (`24`, `3.5`).
    Number(String),
    /// No value (the cell's format is kept).
    Blank,
}

/// One cell to set: 0-based row and column.
#[derive(Debug, Clone, PartialEq)]
pub struct CellEdit {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// The new value.
    pub value: CellValue,
}

/// `bytes` (a workbook) with `edits` made on sheet `sheet`; everything else unchanged.
pub fn set_cells(bytes: &[u8], sheet: &str, edits: &[CellEdit]) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the workbook cannot be opened as a zip archive ({e})"))?;
    let part = sheet_part(&mut archive, sheet)?;
    let xml = read_part(&mut archive, &part)?;
    let edited = edit_sheet(&xml, edits).map_err(|why| format!("sheet {sheet}: {why}"))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 4096)));
    let fail = |e: zip::result::ZipError| format!("cannot rebuild the workbook ({e})");
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(fail)?;
        if entry.name().is_ok_and(|n| n == part.as_str()) {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            drop(entry);
            out.start_file(part.as_str(), options).map_err(fail)?;
            out.write_all(edited.as_bytes())
                .map_err(|e| format!("cannot rebuild the workbook ({e})"))?;
        } else {
            out.raw_copy_file(entry).map_err(fail)?;
        }
    }
    Ok(out.finish().map_err(fail)?.into_inner())
}

fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, String> {
    let mut entry = archive
        .by_name(name)
        .map_err(|_| format!("the workbook has no part {name}"))?;
    let mut text = String::new();
    entry
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {name} in the workbook ({e})"))?;
    Ok(text)
}

/// The zip path of the worksheet named `sheet` (case-insensitive), via the workbook's
/// relationships.
fn sheet_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, sheet: &str) -> Result<String, String> {
    let workbook = read_part(archive, "xl/workbook.xml")?;
    let rels = read_part(archive, "xl/_rels/workbook.xml.rels")?;
    let id = tags(&workbook, "sheet")
        .find(|t| attr(t, "name").is_some_and(|n| unescape(&n).trim().eq_ignore_ascii_case(sheet)))
        .and_then(|t| attr(t, "r:id"))
        .ok_or_else(|| format!("cannot find sheet {sheet} in the workbook's list of sheets"))?;
    let target = tags(&rels, "Relationship")
        .find(|t| attr(t, "Id").as_deref() == Some(id.as_str()))
        .and_then(|t| attr(t, "Target"))
        .ok_or_else(|| format!("cannot find where sheet {sheet} is stored in the workbook"))?;
    Ok(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    })
}

/// Every start tag `<name ...>` of `xml` (the text between `<` and `>`).
fn tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.split('<').filter_map(move |piece| {
        let tag = piece.split('>').next()?;
        let rest = tag.strip_prefix(name)?;
        rest.starts_with([' ', '/', '\t', '\n', '\r'])
            .then_some(tag)
    })
}

/// The value of attribute `name` in a start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    loop {
        let at = search.find(name)?;
        let before = search[..at].chars().last();
        let after = &search[at + name.len()..];
        let after_trim = after.trim_start();
        if before.is_some_and(char::is_whitespace)
            && let Some(value) = after_trim.strip_prefix('=')
        {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return value.find(quote).map(|end| value[..end].to_string());
            }
        }
        search = after;
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn escape(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell reference (`D14`) as 0-based row and column.
fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &r[letters.len()..];
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.chars().fold(0u32, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    }) - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", super::column_name(col), row + 1)
}

struct Row {
    number: u32,
    /// The start tag's attributes, `spans` dropped (it would go stale).
    attributes: String,
    cells: Vec<(u32, String)>,
}

/// The worksheet XML with `edits` made.
fn edit_sheet(xml: &str, edits: &[CellEdit]) -> Result<String, String> {
    let cannot = |why: &str| format!("{why}, so the sheet cannot be changed safely");
    let (head, data, tail) = if let Some(at) = xml.find("<sheetData/>") {
        (&xml[..at], "", &xml[at + "<sheetData/>".len()..])
    } else {
        let open = xml
            .find("<sheetData>")
            .ok_or_else(|| cannot("its cells are not stored as this program expects"))?;
        let start = open + "<sheetData>".len();
        let end = xml[start..]
            .find("</sheetData>")
            .map(|e| start + e)
            .ok_or_else(|| cannot("its cell data is incomplete"))?;
        (
            &xml[..open],
            &xml[start..end],
            &xml[end + "</sheetData>".len()..],
        )
    };
    let mut rows = parse_rows(data).map_err(|why| cannot(&why))?;
    for edit in edits {
        let at = match rows.binary_search_by_key(&(edit.row + 1), |r| r.number) {
            Ok(i) => i,
            Err(i) => {
                rows.insert(
                    i,
                    Row {
                        number: edit.row + 1,
                        attributes: format!(" r=\"{}\"", edit.row + 1),
                        cells: Vec::new(),
                    },
                );
                i
            }
        };
        let row = &mut rows[at];
        let reference = cell_ref(edit.row, edit.col);
        let (style, position) = match row.cells.binary_search_by_key(&edit.col, |c| c.0) {
            Ok(i) => {
                let old = &row.cells[i].1;
                if old.contains("<f>") || old.contains("<f ") {
                    return Err(format!(
                        "cell {reference} holds a formula; replace the formula by a value, or clear the cell, and run again"
                    ));
                }
                let tag = old.split('>').next().unwrap_or("");
                (attr(tag, "s"), Ok(i))
            }
            Err(i) => (None, Err(i)),
        };
        let style = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
        let cell = match &edit.value {
            CellValue::Text(t) => format!(
                "<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                escape(t)
            ),
            CellValue::Number(n) => format!("<c r=\"{reference}\"{style}><v>{}</v></c>", escape(n)),
            CellValue::Blank => format!("<c r=\"{reference}\"{style}/>"),
        };
        match position {
            Ok(i) => row.cells[i].1 = cell,
            Err(i) => row.cells.insert(i, (edit.col, cell)),
        }
    }
    let mut out = String::with_capacity(xml.len() + edits.len() * 80);
    out.push_str(&update_dimension(head, &rows));
    out.push_str("<sheetData>");
    for row in &rows {
        out.push_str(&format!("<row{}>", row.attributes));
        for (_, cell) in &row.cells {
            out.push_str(cell);
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");
    out.push_str(tail);
    Ok(out)
}

/// `<dimension ref="A1:H7"/>` widened to cover every cell.
fn update_dimension(head: &str, rows: &[Row]) -> String {
    let Some(start) = head.find("<dimension ") else {
        return head.to_string();
    };
    let Some(len) = head[start..].find("/>") else {
        return head.to_string();
    };
    let last_row = rows.iter().map(|r| r.number).max().unwrap_or(1);
    let last_col = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.0))
        .max()
        .unwrap_or(0);
    format!(
        "{}<dimension ref=\"A1:{}\"/>{}",
        &head[..start],
        cell_ref(last_row - 1, last_col),
        &head[start + len + 2..]
    )
}

fn parse_rows(data: &str) -> Result<Vec<Row>, String> {
    let mut rows: Vec<Row> = Vec::new();
    let mut rest = data.trim();
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix("<row") else {
            return Err("it holds something other than rows".into());
        };
        let close = after.find('>').ok_or("a row is cut short")?;
        let self_closing = after[..close].ends_with('/');
        let attributes = after[..close].trim_end_matches('/');
        let number = attr(attributes, "r")
            .and_then(|r| r.parse::<u32>().ok())
            .ok_or("a row has no row number")?;
        let attributes = match attr(attributes, "spans") {
            Some(spans) => attributes.replace(&format!(" spans=\"{spans}\""), ""),
            None => attributes.to_string(),
        };
        let mut cells = Vec::new();
        if self_closing {
            rest = after[close + 1..].trim_start();
        } else {
            let end = after.find("</row>").ok_or("a row is not closed")?;
            let mut inner = after[close + 1..end].trim();
            while !inner.is_empty() {
                if !(inner.starts_with("<c ") || inner.starts_with("<c>")) {
                    return Err("a row holds something other than cells".into());
                }
                let tag_end = inner.find('>').ok_or("a cell is cut short")?;
                let tag = &inner[..tag_end];
                let len = if tag.ends_with('/') {
                    tag_end + 1
                } else {
                    inner.find("</c>").ok_or("a cell is not closed")? + "</c>".len()
                };
                let (row, col) = attr(tag, "r")
                    .and_then(|r| parse_ref(&r))
                    .ok_or("a cell has no address")?;
                if row + 1 != number {
                    return Err("a cell's address is not in its row".into());
                }
                cells.push((col, inner[..len].to_string()));
                inner = inner[len..].trim_start();
            }
            rest = after[end + "</row>".len()..].trim_start();
        }
        if rows.last().is_some_and(|r| r.number >= number)
            || cells.windows(2).any(|w| w[0].0 >= w[1].0)
        {
            return Err("its rows or cells are out of order".into());
        }
        rows.push(Row {
            number,
            attributes,
            cells,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_change_and_everything_else_stays() {
        let xml = r#"<worksheet><dimension ref="A1:B2"/><sheetData><row r="1" spans="1:2"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="4"/></row><row r="2"><c r="A2"><v>7</v></c></row></sheetData><dataValidations count="1"/></worksheet>"#;
        let out = edit_sheet(
            xml,
            &[
                CellEdit {
                    row: 0,
                    col: 1,
                    value: CellValue::Text("a & b".into()),
                },
                CellEdit {
                    row: 3,
                    col: 2,
                    value: CellValue::Number("24".into()),
                },
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            r#"<worksheet><dimension ref="A1:C4"/><sheetData><row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="4" t="inlineStr"><is><t xml:space="preserve">a &amp; b</t></is></c></row><row r="2"><c r="A2"><v>7</v></c></row><row r="4"><c r="C4"><v>24</v></c></row></sheetData><dataValidations count="1"/></worksheet>"#
        );
    }

    #[test]
    fn formulas_and_unaddressed_cells_are_refused() {
        let edit = [CellEdit {
            row: 0,
            col: 0,
            value: CellValue::Number("1".into()),
        }];
        let formula = r#"<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>"#;
        assert!(edit_sheet(formula, &edit).unwrap_err().contains("formula"));
        let bare =
            r#"<worksheet><sheetData><row r="1"><c><v>2</v></c></row></sheetData></worksheet>"#;
        assert!(edit_sheet(bare, &edit).unwrap_err().contains("no address"));
        assert_eq!(parse_ref("AA10"), Some((9, 26)));
    }
}
