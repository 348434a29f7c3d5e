//! Rubric text shared, not copied: a criterion's prompt appears in its result, its
//! recommendation and its answer to confirm, in every assessment made with the rubric.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json_escape::has_escapes;

/// A piece of rubric text (an id, a prompt, an action), shared by reference count.
///
/// It reads like a `&str` (it derefs to one and compares with strings), and copying it into an
/// assessment costs a count, not an allocation. It serialises as a plain string.
///
/// ```
/// use assess::Text;
///
/// let prompt = Text::from("Can an engineer reach the top without managing?");
/// let copy = prompt.clone(); // the same text, not a second allocation
/// assert_eq!(copy, "Can an engineer reach the top without managing?");
/// assert!(prompt.starts_with("Can"));
/// ```
///
/// It also knows, from when it was made, whether it can go into a JSON string as it is (no
/// quote, backslash or control character): a report writes the same rubric text in every
/// assessment, and the check is made once per rubric instead of once per report.
#[derive(Clone)]
pub struct Text {
    text: Repr,
    /// No byte of `text` needs escaping in a JSON string.
    json_safe: bool,
}

/// Where the characters are: in the program itself (the built-in catalog's text, which then
/// costs no allocation at start and no count when copied), or shared by reference count.
#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Default for Text {
    fn default() -> Self {
        Text::known("", true)
    }
}

impl Text {
    fn new(text: Arc<str>) -> Self {
        let json_safe = !has_escapes(text.as_bytes());
        Text {
            text: Repr::Shared(text),
            json_safe,
        }
    }

    /// Text compiled into the program whose JSON safety is already known (the generated
    /// built-in catalog's, worked out when it was generated); a debug build checks it.
    pub(crate) fn known(text: &'static str, json_safe: bool) -> Self {
        debug_assert_eq!(json_safe, !has_escapes(text.as_bytes()), "{text:?}");
        Text {
            text: Repr::Static(text),
            json_safe,
        }
    }

    /// The text as a `&str`.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.text {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// Changes the text through a `String` (only this copy changes).
    pub fn edit(&mut self, f: impl FnOnce(&mut String)) {
        let mut s = self.as_str().to_string();
        f(&mut s);
        *self = Text::new(s.into());
    }

    /// Whether the text goes into a JSON string unchanged: it has no `"`, no `\` and no
    /// control character.
    ///
    /// ```
    /// use assess::Text;
    ///
    /// assert!(Text::from("Pay the top IC level like a director").is_json_safe());
    /// assert!(!Text::from("the \"technical track\"").is_json_safe());
    /// ```
    pub fn is_json_safe(&self) -> bool {
        self.json_safe
    }
}

// Equality, order and hash are the text's alone (`json_safe` follows from it), so that a
// `Text` key is found by its `&str` (`Borrow<str>`).
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::new(s.into())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::new(s.into())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::new(s.as_str().into())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.as_str().to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.as_str() == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.as_str() == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.as_str() == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_serialises_as_its_string() {
        let t = Text::from("a \"b\"");
        assert_eq!(t, "a \"b\"");
        assert_eq!("a \"b\"", t);
        assert_eq!(t, String::from("a \"b\""));
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""a \"b\"""#);
        let back: Text = serde_json::from_str(r#""a \"b\"""#).unwrap();
        assert_eq!(back, t);
        assert_eq!(format!("{t:?}"), format!("{:?}", "a \"b\""));
    }

    /// Whether a text is JSON-safe is whether serde_json writes it without an escape, for
    /// every byte on its own, and stays right through an edit.
    #[test]
    fn json_safety_is_what_serde_json_escapes() {
        for b in 0u8..0x80 {
            let text = char::from(b).to_string();
            let written = serde_json::to_string(&text).unwrap();
            let unescaped = written.len() == text.len() + 2;
            assert_eq!(
                Text::from(text.as_str()).is_json_safe(),
                unescaped,
                "byte {b:#x}"
            );
        }
        assert!(Text::from("Équipe · 技术").is_json_safe());
        let mut t = Text::from("plain");
        t.edit(|s| s.push('\n'));
        assert!(!t.is_json_safe());
        assert_eq!(Text::from("a"), Text::from(String::from("a")));
    }

    /// Text compiled in and text made at run time are the same text to every comparison.
    #[test]
    fn static_and_shared_text_are_alike() {
        use std::hash::BuildHasher;
        let (compiled, made) = (Text::known("x-y", true), Text::from(String::from("x-y")));
        assert_eq!(compiled, made);
        assert_eq!(compiled.cmp(&made), std::cmp::Ordering::Equal);
        let hasher = std::collections::hash_map::RandomState::new();
        assert_eq!(hasher.hash_one(&compiled), hasher.hash_one(&made));
        assert_eq!(hasher.hash_one(&compiled), hasher.hash_one("x-y"));
        assert_eq!(Text::default(), "");
    }

    #[test]
    fn an_edit_changes_only_its_copy() {
        let a = Text::from("x");
        let mut b = a.clone();
        b.edit(|s| s.push('y'));
        assert_eq!((a.as_str(), b.as_str()), ("x", "xy"));
    }
}
