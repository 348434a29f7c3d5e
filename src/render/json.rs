//! The contract's JSON, written straight from the assessment (no intermediate value tree).

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::error::Error;

use super::RenderOptions;
use super::report_json::{Object, key, write_assessment};

/// The contract's JSON, plus `client`, `prepared_by` and `confidential` when given.
pub(super) fn render_json(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    options: &RenderOptions,
) -> Result<String, Error> {
    // A report is tens of kilobytes: start with room for a typical one.
    let mut out = String::with_capacity(64 * 1024);
    let mut report = Object::open(&mut out, 1);
    write_assessment(&mut report, assessment).map_err(serialize_error)?;
    for (key, value) in [
        (key!("client"), &options.client),
        (key!("prepared_by"), &options.prepared_by),
        (key!("confidential"), &options.confidential),
    ] {
        if let Some(value) = value {
            report.str(key, value);
        }
    }
    if let Some(c) = comparison {
        report
            .serde(key!("baseline"), &c.baseline)
            .map_err(serialize_error)?;
        report
            .serde(key!("changes"), &c.changes)
            .map_err(serialize_error)?;
    }
    report.close();
    out.push('\n');
    Ok(out)
}

/// A writer error as the crate reports serialisation errors (serde_json's error type).
fn serialize_error(e: super::pretty_json::WriteError) -> Error {
    Error::Serialize(<serde_json::Error as serde::ser::Error>::custom(e))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use crate::compare::{Baseline, Changes};

    use super::*;

    /// What this module wrote through serde: the assessment's keys, then the branding and the
    /// comparison when there are any.
    #[derive(Serialize)]
    struct Report<'a> {
        #[serde(flatten)]
        assessment: &'a Assessment,
        #[serde(skip_serializing_if = "Option::is_none")]
        client: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        prepared_by: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        confidential: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        baseline: Option<&'a Baseline>,
        #[serde(skip_serializing_if = "Option::is_none")]
        changes: Option<&'a Changes>,
    }

    /// What this module wrote before: the assessment as a value tree, keys appended.
    fn through_a_value(a: &Assessment, c: Option<&Comparison>, o: &RenderOptions) -> String {
        let mut value = serde_json::to_value(a).unwrap();
        let map = value.as_object_mut().unwrap();
        for (key, v) in [
            ("client", &o.client),
            ("prepared_by", &o.prepared_by),
            ("confidential", &o.confidential),
        ] {
            if let Some(v) = v {
                map.insert(key.into(), serde_json::Value::String(v.clone()));
            }
        }
        if let Some(c) = c {
            map.insert(
                "baseline".into(),
                serde_json::to_value(&c.baseline).unwrap(),
            );
            map.insert("changes".into(), serde_json::to_value(&c.changes).unwrap());
        }
        serde_json::to_string_pretty(&value).unwrap() + "\n"
    }

    #[test]
    fn direct_json_is_the_value_trees_json_to_the_byte() {
        let catalog = crate::Catalog::builtin();
        let before = include_str!("../../examples/pay-cliff.yaml");
        let (rubric, q) = catalog
            .load_questionnaire(
                "q.yaml",
                include_str!("../../examples/balanced-saas.yaml"),
                None,
            )
            .unwrap();
        let new = crate::evaluate(&rubric, &q, &catalog.articles).unwrap();
        let (old_rubric, old_q) = catalog.load_questionnaire("p.yaml", before, None).unwrap();
        let old = crate::evaluate(&old_rubric, &old_q, &catalog.articles).unwrap();
        let comparison = crate::compare::compare(
            &catalog,
            "pay-cliff.yaml",
            &crate::source::Source::Text(before.into()),
            None,
            &rubric,
            &new,
        )
        .unwrap();
        let branded = RenderOptions {
            client: Some("Acme \"&\" Co\u{202E}".into()),
            prepared_by: Some(String::new()),
            confidential: Some("Confidential".into()),
            ..RenderOptions::default()
        };
        for a in [&old, &new] {
            for o in [&RenderOptions::default(), &branded] {
                for c in [None, Some(&comparison)] {
                    let written = render_json(a, c, o).unwrap();
                    assert_eq!(written, through_a_value(a, c, o));
                    let report = Report {
                        assessment: a,
                        client: o.client.as_deref(),
                        prepared_by: o.prepared_by.as_deref(),
                        confidential: o.confidential.as_deref(),
                        baseline: c.map(|c| &c.baseline),
                        changes: c.map(|c| &c.changes),
                    };
                    assert_eq!(
                        written,
                        serde_json::to_string_pretty(&report).unwrap() + "\n"
                    );
                }
            }
        }
    }
}
