//! Pretty JSON, to the byte what `serde_json::to_writer_pretty` writes (two-space indent,
//! `"key": value`, `[]` and `{}` when empty), written straight into a `String`.
//!
//! Why not serde_json itself: a report is tens of kilobytes, nearly all rubric text (prompts,
//! actions, article titles and links), and serde_json looks every byte of a string up in its
//! escape table and writes through `io::Write`. Here strings are checked eight bytes at a
//! time and copied in runs; numbers still go through serde_json's own formatter, so they are
//! written exactly as before. A test compares the two writers over every example and corpus
//! questionnaire, and a property test over arbitrary strings, numbers and nesting.

use std::fmt;

use serde::ser::{self, Serialize};

use super::text::push_unsigned;
use crate::json_escape::{ESCAPED, has_escapes};

/// What went wrong while writing: a `Serialize` impl's own error, or a map key JSON cannot
/// have (the same cases serde_json refuses).
#[derive(Debug)]
pub(super) struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

impl WriteError {
    fn key_must_be_a_string() -> WriteError {
        WriteError("key must be a string".into())
    }
}

/// Appends `value` as pretty JSON whose first line sits at `depth` levels of indent (the
/// opening bracket is written where `out` ends; the lines after it are indented from `depth`).
pub(super) fn write<T: Serialize + ?Sized>(
    out: &mut String,
    depth: usize,
    value: &T,
) -> Result<()> {
    value.serialize(&mut Pretty { out, depth })
}

/// `value` as pretty JSON, as `serde_json::to_string_pretty` writes it.
#[cfg(test)]
pub(super) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = String::new();
    write(&mut out, 0, value)?;
    Ok(out)
}

struct Pretty<'o> {
    out: &'o mut String,
    /// Levels of indent of the container being written.
    depth: usize,
}

/// A line break and up to 64 levels of indent, sliced rather than written space by space.
const NEWLINE_AND_INDENT: &str = concat!(
    "\n",
    "                                                                ",
    "                                                                "
);

impl Pretty<'_> {
    #[inline]
    fn new_line(&mut self) {
        let spaces = self.depth * 2;
        match NEWLINE_AND_INDENT.get(..1 + spaces) {
            Some(line) => self.out.push_str(line),
            None => {
                self.out.push('\n');
                self.out.extend(std::iter::repeat_n(' ', spaces));
            }
        }
    }

    #[inline]
    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
    }

    /// Closes a container; `empty` ones close on the same line (`[]`, `{}`).
    #[inline]
    fn close(&mut self, bracket: char, empty: bool) {
        self.depth -= 1;
        if !empty {
            self.new_line();
        }
        self.out.push(bracket);
    }

    /// Starts an array element or an object key: a comma after the previous one, a new line.
    #[inline]
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(',');
        }
        self.new_line();
    }

    /// `{"variant": ` of an enum variant with data (serde_json's externally tagged form).
    fn open_variant(&mut self, variant: &str) {
        self.open('{');
        self.new_line();
        push_string(self.out, variant);
        self.out.push_str(": ");
    }

    fn close_variant(&mut self) {
        self.close('}', false);
    }
}

type Result<T> = std::result::Result<T, WriteError>;

impl<'a, 'o> ser::Serializer for &'a mut Pretty<'o> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        push_signed(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.out.push_str(&v.to_string());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        push_unsigned(self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.out.push_str(&v.to_string());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        push_float(self.out, v.is_finite(), |w| {
            serde_json::ser::Formatter::write_f32(&mut serde_json::ser::CompactFormatter, w, v)
        });
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        push_float(self.out, v.is_finite(), |w| {
            serde_json::ser::Formatter::write_f64(&mut serde_json::ser::CompactFormatter, w, v)
        });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        push_string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        push_string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close_variant();
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'o>> {
        self.open('[');
        Ok(Compound::new(self, '[', false))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'o>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'o>> {
        self.open_variant(variant);
        self.open('[');
        Ok(Compound::new(self, '[', true))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'o>> {
        self.open('{');
        Ok(Compound::new(self, '{', false))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'o>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'o>> {
        self.open_variant(variant);
        self.open('{');
        Ok(Compound::new(self, '{', true))
    }
}

/// An array or object being written.
pub(super) struct Compound<'a, 'o> {
    ser: &'a mut Pretty<'o>,
    /// `[` or `{`.
    bracket: char,
    /// Nothing written in it yet.
    empty: bool,
    /// It is the value of an enum variant's `{"variant": ...}`, closed with it.
    in_variant: bool,
}

impl<'a, 'o> Compound<'a, 'o> {
    fn new(ser: &'a mut Pretty<'o>, bracket: char, in_variant: bool) -> Compound<'a, 'o> {
        Compound {
            ser,
            bracket,
            empty: true,
            in_variant,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.item(self.empty);
        self.empty = false;
        value.serialize(&mut *self.ser)
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.ser.item(self.empty);
        self.empty = false;
        key.serialize(KeyWriter(self.ser.out))?;
        self.ser.out.push_str(": ");
        Ok(())
    }

    /// A struct field. Its name is a Rust field name or a `rename`, which never needs
    /// escaping in practice (it is still checked); half of a report's 1,500 strings are such
    /// names, so the line, the quotes and the name go in with one reserve.
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let out = &mut *self.ser.out;
        let spaces = self.ser.depth * 2;
        match NEWLINE_AND_INDENT.get(..1 + spaces) {
            Some(line) if !has_escapes(key.as_bytes()) => {
                out.reserve(line.len() + key.len() + 5);
                if !self.empty {
                    out.push(',');
                }
                out.push_str(line);
                out.push('"');
                out.push_str(key);
                out.push_str("\": ");
            }
            _ => {
                self.ser.item(self.empty);
                push_string(self.ser.out, key);
                self.ser.out.push_str(": ");
            }
        }
        self.empty = false;
        value.serialize(&mut *self.ser)
    }

    fn finish(self) -> Result<()> {
        let closing = if self.bracket == '[' { ']' } else { '}' };
        self.ser.close(closing, self.empty);
        if self.in_variant {
            self.ser.close_variant();
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

/// Writes a map key: strings as they are, and what serde_json turns into a string (numbers,
/// `true`/`false`, unit variants) quoted; anything else is an error, as in serde_json.
struct KeyWriter<'o>(&'o mut String);

impl KeyWriter<'_> {
    fn quoted(self, write: impl FnOnce(&mut String)) -> Result<()> {
        self.0.push('"');
        write(self.0);
        self.0.push('"');
        Ok(())
    }
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = ser::Impossible<(), WriteError>;
    type SerializeTuple = ser::Impossible<(), WriteError>;
    type SerializeTupleStruct = ser::Impossible<(), WriteError>;
    type SerializeTupleVariant = ser::Impossible<(), WriteError>;
    type SerializeMap = ser::Impossible<(), WriteError>;
    type SerializeStruct = ser::Impossible<(), WriteError>;
    type SerializeStructVariant = ser::Impossible<(), WriteError>;

    fn serialize_str(self, v: &str) -> Result<()> {
        push_string(self.0, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        push_string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<()> {
        self.quoted(|out| out.push_str(if v { "true" } else { "false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.quoted(|out| push_signed(out, v))
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.quoted(|out| out.push_str(&v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.quoted(|out| push_unsigned(out, v))
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.quoted(|out| out.push_str(&v.to_string()))
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        if !v.is_finite() {
            return Err(WriteError(
                "float key must be finite (got NaN or +/-inf)".into(),
            ));
        }
        self.quoted(|out| {
            push_float(out, true, |w| {
                serde_json::ser::Formatter::write_f32(&mut serde_json::ser::CompactFormatter, w, v)
            })
        })
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        if !v.is_finite() {
            return Err(WriteError(
                "float key must be finite (got NaN or +/-inf)".into(),
            ));
        }
        self.quoted(|out| {
            push_float(out, true, |w| {
                serde_json::ser::Formatter::write_f64(&mut serde_json::ser::CompactFormatter, w, v)
            })
        })
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<()> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(WriteError::key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(WriteError::key_must_be_a_string())
    }
}

/// A float as serde_json writes it (its own formatter, into a small buffer), `null` when it
/// is not finite.
fn push_float(
    out: &mut String,
    finite: bool,
    format: impl FnOnce(&mut &mut [u8]) -> std::io::Result<()>,
) {
    if !finite {
        out.push_str("null");
        return;
    }
    let mut buffer = [0u8; 64];
    let mut rest: &mut [u8] = &mut buffer;
    if format(&mut rest).is_ok() {
        let written = 64 - rest.len();
        if let Ok(text) = std::str::from_utf8(&buffer[..written]) {
            out.push_str(text);
            return;
        }
    }
    // A shortest float is at most 24 characters; this is never reached.
    out.push_str("null");
}

fn push_signed(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    push_unsigned(out, value.unsigned_abs());
}

/// The escape serde_json writes for `byte`, or `None` when it stands for itself.
fn escape(byte: u8) -> Option<&'static str> {
    const CONTROLS: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
        "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ];
    match byte {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..0x20 => Some(CONTROLS[usize::from(byte)]),
        _ => None,
    }
}

/// Appends `text` as a JSON string: quoted, with `"`, `\` and control characters escaped as
/// serde_json escapes them, every other character (non-ASCII included) as it is.
#[inline]
pub(super) fn push_string(out: &mut String, text: &str) {
    if has_escapes(text.as_bytes()) {
        push_escaped(out, text);
    } else {
        // Nearly all report text (prompts, actions, titles, links, ids, keys).
        push_unescaped(out, text);
    }
}

/// Appends `text`, known to have nothing to escape, as a JSON string: kept small enough to
/// inline, as a report writes some 1,500 strings.
#[inline]
pub(super) fn push_unescaped(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    out.push_str(text);
    out.push('"');
}

/// The escaping itself, byte by byte (only for text that has something to escape).
#[cold]
#[inline(never)]
fn push_escaped(out: &mut String, text: &str) {
    out.reserve(text.len() + 8);
    out.push('"');
    let bytes = text.as_bytes();
    // Start of the run of bytes not yet copied.
    let mut run = 0;
    while let Some(found) = bytes[run..].iter().position(|&b| ESCAPED[usize::from(b)]) {
        let at = run + found;
        // `at` is an ASCII byte, so both slices end on character boundaries.
        out.push_str(&text[run..at]);
        out.push_str(escape(bytes[at]).unwrap_or_default());
        run = at + 1;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use serde::Serialize;
    use serde_json::Value;

    use super::to_string;

    fn same_as_serde_json<T: Serialize + ?Sized>(value: &T) {
        let expected = serde_json::to_string_pretty(value).unwrap();
        assert_eq!(to_string(value).unwrap(), expected);
    }

    /// Strings made of the characters escaping has to get right, and plain runs long enough
    /// to be checked eight bytes at a time.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\u{2028}\u{2029}".to_string()),
            Just("\u{7f}\u{80}\u{9f}".to_string()),
            Just("Straße ✓ — é".to_string()),
            Just("https://example.org/a-long-plain-run-of-ascii#section".to_string()),
            (0u8..0x20).prop_map(|b| char::from(b).to_string()),
            any::<char>().prop_map(|c| c.to_string()),
            "[ -~]{0,20}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    fn number() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("JSON numbers are finite", |f| f.is_finite())
                .prop_map(Value::from),
            (-100_000i64..100_000, 0u32..4).prop_map(|(n, dp)| {
                let d = Decimal::new(n, dp);
                serde_json::to_value(crate::exact::Exact(d)).unwrap()
            }),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            number(),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((text(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in text()) {
            same_as_serde_json(&s);
        }

        #[test]
        fn any_value_tree_is_laid_out_as_serde_json_lays_it_out(v in value()) {
            same_as_serde_json(&v);
        }

        #[test]
        fn any_float_is_written_as_serde_json_writes_it(f in any::<f64>(), g in any::<f32>()) {
            same_as_serde_json(&f);
            same_as_serde_json(&g);
        }

        #[test]
        fn scores_and_exact_decimals_are_written_as_before(n in any::<i64>(), dp in 0u32..12) {
            let d = Decimal::new(n, dp);
            same_as_serde_json(&crate::exact::Exact(d));
            let score = crate::assessment::Points::from(d);
            same_as_serde_json(&score);
        }
    }

    #[derive(Serialize)]
    enum Shapes {
        Unit,
        Newtype(Vec<u8>),
        Tuple(i8, (), Option<char>),
        Struct {
            empty: Vec<()>,
            map: BTreeMap<String, ()>,
        },
    }

    #[derive(Serialize)]
    struct Unit;

    /// Field names that are not plain Rust names take the escaping path.
    #[derive(Serialize)]
    struct Renamed {
        #[serde(rename = "a \"quoted\"\n\\name")]
        quoted: u8,
        #[serde(rename = "ünïcode")]
        unicode: u8,
        #[serde(rename = "")]
        empty: u8,
        plain_name: Vec<Renamed>,
    }

    #[derive(Serialize)]
    struct Everything<'a> {
        shapes: Vec<Shapes>,
        bytes: &'a serde_bytes_like::Bytes,
        unit: Unit,
        nan: f64,
        infinite: f32,
        big: (i128, u128),
        int_keys: BTreeMap<i32, bool>,
        bool_keys: BTreeMap<bool, u8>,
        char_keys: BTreeMap<char, u8>,
        float_values: Vec<BTreeMap<String, f32>>,
        nested_empty: Vec<Vec<Vec<u8>>>,
    }

    /// `serialize_bytes`, which no derive calls.
    mod serde_bytes_like {
        pub struct Bytes(pub [u8; 3]);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn every_shape_serde_has_is_laid_out_as_serde_json_lays_it_out() {
        let everything = Everything {
            shapes: vec![
                Shapes::Unit,
                Shapes::Newtype(vec![]),
                Shapes::Newtype(vec![1, 2]),
                Shapes::Tuple(-3, (), Some('"')),
                Shapes::Struct {
                    empty: vec![],
                    map: BTreeMap::new(),
                },
                Shapes::Struct {
                    empty: vec![()],
                    map: [("k".to_string(), ())].into(),
                },
            ],
            bytes: &serde_bytes_like::Bytes([0, 127, 255]),
            unit: Unit,
            nan: f64::NAN,
            infinite: f32::NEG_INFINITY,
            big: (i128::MIN, u128::MAX),
            int_keys: [(-1, true), (7, false)].into(),
            bool_keys: [(false, 0), (true, 1)].into(),
            char_keys: [('\n', 0)].into(),
            float_values: vec![[("0.5".to_string(), 1.5)].into()],
            nested_empty: vec![vec![], vec![vec![]]],
        };
        same_as_serde_json(&everything);
        let inner = Renamed {
            quoted: 1,
            unicode: 2,
            empty: 3,
            plain_name: vec![],
        };
        same_as_serde_json(&Renamed {
            quoted: 4,
            unicode: 5,
            empty: 6,
            plain_name: vec![inner],
        });
        // Deep nesting, beyond the indent the writer keeps ready.
        let mut deep = Value::Null;
        for _ in 0..80 {
            deep = Value::Array(vec![deep, Value::Object(Default::default())]);
        }
        same_as_serde_json(&deep);
    }

    #[test]
    fn keys_json_cannot_have_are_refused_as_serde_json_refuses_them() {
        let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        assert!(serde_json::to_string_pretty(&map).is_err());
        assert_eq!(
            to_string(&map).unwrap_err().to_string(),
            "key must be a string"
        );
        let floats: BTreeMap<String, BTreeMap<u8, f64>> = BTreeMap::new();
        same_as_serde_json(&floats);
    }
}
