//! Input bytes as what the library works with: text (UTF-8, located where it is not) and
//! images as `data:` URLs for a self-contained report.

use std::path::Path;

use base64::Engine as _;

use super::InputKind;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::Error;

/// Turns bytes into text, or says where they stop being UTF-8.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Diagnostic::error(
            Code::NotUtf8,
            Location::whole_file(name),
            "the file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .with_hint("save it again as UTF-8 (in most editors: \"Save as\", encoding UTF-8)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let column = before
            .rsplit(|b| *b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count()) as u32
            + 1;
        Diagnostic::error(
            Code::NotUtf8,
            Location::new(name, line, column),
            format!("byte 0x{:02x} is not UTF-8 text", e.as_bytes()[offset]),
        )
        .with_hint("save the file as UTF-8 (in Excel or Word: \"Save as\", encoding UTF-8)")
    })
}

/// The image at `path` (PNG, JPEG, SVG or GIF, by its extension) as a `data:` URL, read within
/// [`InputKind::Logo`]'s cap, for a report that embeds it.
pub fn data_uri(path: &Path) -> Result<String, Error> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let mime = match extension.as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("svg") => "image/svg+xml",
        Some("gif") => "image/gif",
        _ => return Err(Error::NotAnImage { path: path.into() }),
    };
    // Counted while reading: a device or FIFO reports no size, and a symlink may point anywhere.
    let bytes = super::read(path, InputKind::Logo)?;
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_becomes_a_data_url() {
        let dir = tempfile::tempdir().unwrap();
        let logo = dir.path().join("logo.PNG");
        std::fs::write(&logo, b"\x89PNG\r\n\x1a\nab").unwrap();
        assert_eq!(
            data_uri(&logo).unwrap(),
            "data:image/png;base64,iVBORw0KGgphYg=="
        );
        let text = dir.path().join("logo.txt");
        std::fs::write(&text, b"x").unwrap();
        assert!(matches!(data_uri(&text), Err(Error::NotAnImage { .. })));
    }
}
