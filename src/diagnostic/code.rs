//! The stable codes of every problem `assess` reports, each with a one-line description and a
//! longer explanation (`assess explain CODE`).
//!
//! A code's text (`unknown-criterion`) is part of the interface: it appears in `error[...]`
//! lines, in JSON output and in documentation, so it never changes once published.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// Declares [`Code`], its text, its description and its topic from one table.
macro_rules! codes {
    ($($topic:literal { $($variant:ident = $text:literal : $description:literal;)* })*) => {
        /// What kind of problem a [`Diagnostic`](super::Diagnostic) reports.
        ///
        /// Every variant has a stable kebab-case text ([`Code::as_str`]), a one-line
        /// [description](Code::description) and a longer [explanation](Code::explanation)
        /// with an example of the mistake and how to fix it.
        ///
        /// ```
        /// use assess::Code;
        ///
        /// let code: Code = "unknown-criterion".parse().unwrap();
        /// assert_eq!(code, Code::UnknownCriterion);
        /// assert_eq!(code.as_str(), "unknown-criterion");
        /// assert!(!code.description().is_empty());
        /// assert!(code.explanation().contains("Example"));
        /// assert_eq!(Code::from_text("rubric-mismatch"), Some(Code::RubricMismatch));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(
                #[doc = $description]
                $variant,
            )*)*
        }

        impl Code {
            /// Every code, grouped by topic, in the order `assess explain --list` shows them.
            pub const ALL: &'static [Code] = &[$($(Code::$variant,)*)*];

            /// The stable kebab-case text, e.g. `unknown-criterion`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($(Code::$variant => $text,)*)*
                }
            }

            /// What the code means, in one line.
            pub const fn description(self) -> &'static str {
                match self {
                    $($(Code::$variant => $description,)*)*
                }
            }

            /// What the code means, an example of the mistake and how to fix it, as
            /// `assess explain CODE` prints it (plain text, examples indented by four spaces).
            pub const fn explanation(self) -> &'static str {
                match self {
                    $($(Code::$variant => super::explanation::$variant,)*)*
                }
            }

            /// The kind of input the code is about (`YAML`, `questionnaire`, `rubric`, ...).
            pub const fn topic(self) -> &'static str {
                match self {
                    $($(Code::$variant => $topic,)*)*
                }
            }
        }
    };
}

codes! {
    "files" {
        Unreadable = "unreadable":
            "A file cannot be read: it does not exist, is a folder, may not be read, is too large, or a pipe sends nothing.";
        FileTooLarge = "file-too-large":
            "A YAML file is larger than any questionnaire or rubric could be.";
        NotUtf8 = "not-utf8":
            "A file is not UTF-8 text (for example saved as UTF-16 or in a legacy encoding).";
        CannotWrite = "cannot-write":
            "An output file or folder cannot be written.";
        InternalError = "internal-error":
            "assess itself failed on one input (a bug to report).";
        MoreProblems = "more-problems":
            "A file has more problems than are listed; the rest are counted.";
    }
    "YAML" {
        YamlSyntax = "yaml-syntax":
            "The file is not valid YAML.";
        YamlIndentation = "yaml-indentation":
            "A line is indented in a way that does not fit the lines above it.";
        YamlTab = "yaml-tab":
            "A tab character is used for indentation; YAML indents with spaces.";
        YamlMissingSpace = "yaml-missing-space":
            "A `key:value` pair lacks the space after the colon.";
        YamlQuestionMark = "yaml-question-mark":
            "A lone `?` starts a complex key in YAML; it is not an answer.";
        YamlFlow = "yaml-flow":
            "Text inside `{ ... }` or `[ ... ]` holds a `: ` or `,` and needs quotes.";
        YamlMergeKey = "yaml-merge-key":
            "A mapping uses the merge key `<<` in a way that would silently drop entries.";
        YamlTooComplex = "yaml-too-complex":
            "The YAML nests too deeply, expands too many aliases or holds several documents.";
        UnknownField = "unknown-field":
            "A mapping holds a key its place does not accept.";
        MissingField = "missing-field":
            "A mapping lacks a key its place requires.";
        DuplicateKey = "duplicate-key":
            "The same key appears twice in one mapping.";
    }
    "questionnaire" {
        NotAQuestionnaire = "not-a-questionnaire":
            "The file is not a mapping with `rubric:` and `answers:`.";
        MissingRubric = "missing-rubric":
            "The questionnaire does not say which rubric it answers.";
        UnknownRubric = "unknown-rubric":
            "A rubric id names no built-in rubric.";
        RubricMismatch = "rubric-mismatch":
            "The questionnaire names (or was validated against) another rubric than the one given.";
        InvalidRubricRef = "invalid-rubric-ref":
            "`rubric:` holds something other than a rubric id.";
        RubricVersionMismatch = "rubric-version-mismatch":
            "The questionnaire was written for another version of the rubric.";
        UnknownKey = "unknown-key":
            "A top-level key is not part of a questionnaire.";
        AnswerOutsideAnswers = "answer-outside-answers":
            "An answer is written at the top level instead of under `answers:`.";
        InvalidAnswers = "invalid-answers":
            "`answers:` is not a mapping of question ids to answers.";
        UnknownCriterion = "unknown-criterion":
            "A question id (criterion) the rubric does not have.";
        DuplicateAnswer = "duplicate-answer":
            "The same question is answered twice.";
        InvalidAnswer = "invalid-answer":
            "An answer is not one the question accepts (wrong option, out of range, wrong kind).";
        MissingValue = "missing-value":
            "An answer written as a mapping lacks its `value:`.";
        InvalidEvidence = "invalid-evidence":
            "`evidence:` is not one line of text.";
        InvalidOrganization = "invalid-organization":
            "The organisation block or its name is not written as text.";
        InvalidDate = "invalid-date":
            "`assessed_on:` is not a date written YYYY-MM-DD.";
        InvalidRespondents = "invalid-respondents":
            "`respondents:` is not a list of respondent groups.";
        InvalidGroup = "invalid-group":
            "A respondent group is not a mapping with `group`, `count` and `answers`.";
        DuplicateGroup = "duplicate-group":
            "Two respondent groups have the same name.";
        InvalidCount = "invalid-count":
            "A respondent group's `count:` is missing or not a whole number of people.";
        NotAnOpinionItem = "not-an-opinion-item":
            "A respondent group answers a question that is not an opinion question.";
        AnsweredTwice = "answered-twice":
            "An opinion question is answered both under `answers:` and per respondent group.";
        InvalidDistribution = "invalid-distribution":
            "A distribution of answers is not a mapping of scale points to counts of people.";
        DistributionCountMismatch = "distribution-count-mismatch":
            "A group's answers add up to a different number of people than its `count:`.";
        NonCanonicalSpelling = "non-canonical-spelling":
            "An answer is understood but spelt in a form the editor's schema does not accept.";
    }
    "rubric" {
        RubricUnreadable = "rubric-unreadable":
            "A rubric file named with `--rubric` cannot be read.";
        EmptyRubric = "empty-rubric":
            "The rubric file is empty or holds only comments.";
        RubricShape = "rubric-shape":
            "The rubric file is valid YAML but not shaped like a rubric.";
        InvalidId = "invalid-id":
            "An id in the rubric is not kebab-case.";
        DuplicateId = "duplicate-id":
            "Two items of the rubric share an id.";
        ReservedId = "reserved-id":
            "A rubric item uses an id that assess reserves for itself.";
        OutOfRange = "out-of-range":
            "A number in the rubric lies outside its allowed range.";
        NegativeWeight = "negative-weight":
            "A weight in the rubric is negative.";
        ZeroWeightCommitment = "zero-weight-commitment":
            "A commitment's criteria all weigh zero, so it can never be scored.";
        ZeroWeightRubric = "zero-weight-rubric":
            "All commitments weigh zero, so the rubric can never be scored.";
        NoCommitments = "no-commitments":
            "The rubric has no commitments.";
        NoBands = "no-bands":
            "The rubric has no score bands.";
        BandsStart = "bands-start":
            "The first score band does not start at 0.";
        UnsortedBands = "unsorted-bands":
            "Score bands are not listed in ascending order.";
        UnknownBand = "unknown-band":
            "A failure pattern caps the score at a band the rubric does not define.";
        UnknownStage = "unknown-stage":
            "A criterion names a stage that `stages.levels` does not define.";
        UnsortedStages = "unsorted-stages":
            "Stages are not listed by ascending `from`.";
        StageSizeNotACount = "stage-size-not-a-count":
            "`stages.size` names a criterion that is not a context fact with a number answer.";
        SelfReference = "self-reference":
            "A criterion depends on its own answer.";
        OpinionNotLikert = "opinion-not-likert":
            "A criterion marked `opinion: true` is not a likert item.";
        LabelCount = "label-count":
            "A likert scale has a different number of labels than points.";
        NoPoints = "no-points":
            "A scored number answer has no `[x, score]` points.";
        UnsortedPoints = "unsorted-points":
            "The points of a number answer are not in ascending order of x.";
        NoOptions = "no-options":
            "A choice answer has no options.";
        EmptyCondition = "empty-condition":
            "A failure pattern's `all`/`any` holds no condition.";
        OperatorType = "operator-type":
            "A condition compares an answer with an operator that does not fit its kind.";
        ImpossibleValue = "impossible-value":
            "A condition tests for a value the answer can never have.";
        UnknownArticle = "unknown-article":
            "The rubric links to an article id that no article has.";
        UnknownSection = "unknown-section":
            "The rubric links to a section an article does not have.";
    }
    "articles" {
        ArticleUnreadable = "article-unreadable":
            "An article file cannot be read.";
        ArticlesUnreadable = "articles-unreadable":
            "The `--articles` folder cannot be listed.";
        TooManyArticles = "too-many-articles":
            "The `--articles` folder holds more Markdown files than are read.";
        ArticleFrontMatter = "article-front-matter":
            "An article lacks its YAML front matter or the front matter is malformed.";
        ArticleUrl = "article-url":
            "An article's web address is not an http(s) address.";
    }
    "templates" {
        Template = "template":
            "A report template has a syntax error or fails while rendering.";
        TemplateOutOfFuel = "template-out-of-fuel":
            "A report template ran too many steps and was stopped.";
        TemplateOutputTooLarge = "template-output-too-large":
            "A report template produced more output than any report needs.";
        TemplateCrashed = "template-crashed":
            "Rendering a template stopped with an internal error.";
        TemplateUnused = "template-unused":
            "A file in the templates folder overrides no built-in template and is used by none.";
        RenderFailed = "render-failed":
            "The report could not be turned into JSON.";
    }
    "workbook" {
        NotAWorkbook = "not-a-workbook":
            "The file is not an Excel workbook (.xlsx) assess can read.";
        CellError = "cell-error":
            "A workbook cell holds an Excel error (such as #DIV/0!) instead of an answer.";
        PercentAsFraction = "percent-as-fraction":
            "A percentage cell holds a fraction that Excel shows as a percent.";
        AnswerWithoutQuestion = "answer-without-question":
            "A workbook row has an answer but no question id.";
    }
    "survey" {
        CsvSyntax = "csv-syntax":
            "A survey export is not well-formed CSV.";
        SurveyEmpty = "survey-empty":
            "A survey export has header rows but no respondents.";
        UnknownColumn = "unknown-column":
            "`--group-column` names a column the export does not have.";
        ColumnMatchedTwice = "column-matched-twice":
            "Two columns of a survey export match the same question.";
        NoQuestionMatched = "no-question-matched":
            "No column of a survey export matches an opinion question of the rubric.";
        UnreadableAnswer = "unreadable-answer":
            "A survey cell is not a point of the question's scale.";
        NearMiss = "near-miss":
            "A survey column almost matches a question (note).";
        UnmatchedColumns = "unmatched-columns":
            "Survey columns that matched no question were left out (note).";
        NoGroup = "no-group":
            "A respondent without a group was left out (note).";
        SkippedQuestion = "skipped-question":
            "A respondent who skipped a question was left out of the tally (note).";
        SmallGroup = "small-group":
            "A respondent group is small enough to identify people (note).";
    }
    "comparison" {
        InvalidJson = "invalid-json":
            "JSON input (a saved assessment as baseline, a questionnaire as JSON) is not valid JSON.";
        NotAnAssessment = "not-an-assessment":
            "A JSON baseline is valid JSON but not the output of `assess --format json`.";
    }
}

impl Code {
    /// The code whose text is exactly `text`, if any.
    pub fn from_text(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

/// Reads a code as a person may copy it: `unknown-criterion`, `Unknown-Criterion`, or the
/// way a problem shows it, `error[unknown-criterion]` (also `warning[...]`, `note[...]`).
///
/// ```
/// use assess::Code;
///
/// assert_eq!("error[yaml-tab]".parse::<Code>().unwrap(), Code::YamlTab);
/// let e = "unknown-critrion".parse::<Code>().unwrap_err();
/// assert_eq!(e.closest, Some(Code::UnknownCriterion));
/// ```
impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Code, UnknownCode> {
        let mut t = text.trim();
        for prefix in ["error[", "warning[", "note["] {
            if let Some(inner) = t.strip_prefix(prefix) {
                t = inner.strip_suffix(']').unwrap_or(inner);
            }
        }
        let t = t.trim().to_ascii_lowercase().replace('_', "-");
        Code::from_text(&t).ok_or_else(|| UnknownCode {
            text: text.trim().to_string(),
            closest: crate::suggest::closest(&t, Code::ALL.iter().map(|c| c.as_str()))
                .and_then(Code::from_text),
        })
    }
}

/// A text that names no [`Code`], and the code it is closest to.
///
/// ```
/// let unknown = "unknown-critrion".parse::<assess::Code>().unwrap_err();
/// assert_eq!(unknown.text, "unknown-critrion");
/// assert_eq!(unknown.closest, Some(assess::Code::UnknownCriterion));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// The text as given.
    pub text: String,
    /// The code spelt most like it, if any is close.
    pub closest: Option<Code>,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an assess error code", self.text)?;
        match self.closest {
            Some(c) => write!(f, "; did you mean `{c}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownCode {}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Codes order by their text, so problems at one spot list in the same order as ever.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "`{text}` is used twice");
            assert!(
                !text.is_empty()
                    && !text.starts_with('-')
                    && !text.ends_with('-')
                    && !text.contains("--")
                    && text
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "`{text}` is not kebab-case"
            );
            let d = code.description();
            assert!(d.len() > 10 && d.ends_with('.'), "{text}: {d}");
            assert_eq!(Code::from_text(text), Some(*code));
        }
    }

    #[test]
    fn codes_serialize_and_order_as_their_text() {
        assert_eq!(
            serde_json::to_string(&Code::UnknownCriterion).unwrap(),
            "\"unknown-criterion\""
        );
        assert!(Code::YamlSyntax > Code::Unreadable);
        assert!(Code::InvalidAnswer < Code::UnknownCriterion);
        assert_eq!(Code::from_text("no-such-code"), None);
    }

    #[test]
    fn codes_parse_as_people_copy_them() {
        for text in [
            "unknown-criterion",
            " Unknown-Criterion ",
            "error[unknown-criterion]",
            "unknown_criterion",
        ] {
            assert_eq!(text.parse::<Code>(), Ok(Code::UnknownCriterion), "{text}");
        }
        assert_eq!("note[small-group]".parse::<Code>(), Ok(Code::SmallGroup));
        let e = "yaml-tabs".parse::<Code>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "`yaml-tabs` is not an assess error code; did you mean `yaml-tab`?"
        );
        let e = "zzzzzzzzzzzz".parse::<Code>().unwrap_err();
        assert_eq!(e.closest, None);
    }
}
