//! Rubric text shared, not copied: a criterion's prompt appears in its result, its
//! recommendation and its answer to confirm, in every assessment made with the rubric.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Changes the text through a `String` (only this copy changes).
    pub fn edit(&mut self, f: impl FnOnce(&mut String)) {
        let mut s = self.0.to_string();
        f(&mut s);
        self.0 = s.into();
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.into())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(s.into())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text(s.as_str().into())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
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

    #[test]
    fn an_edit_changes_only_its_copy() {
        let a = Text::from("x");
        let mut b = a.clone();
        b.edit(|s| s.push('y'));
        assert_eq!((a.as_str(), b.as_str()), ("x", "xy"));
    }
}
