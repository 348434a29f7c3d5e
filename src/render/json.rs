//! The contract's JSON.

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

use super::RenderOptions;

/// The contract's JSON, plus `client`, `prepared_by` and `confidential` when given.
pub(super) fn render_json(
    assessment: &Assessment,
    comparison: Option<&Comparison>,
    options: &RenderOptions,
) -> Result<String, Diagnostics> {
    let failed = |e: serde_json::Error| {
        Diagnostics::from(Diagnostic::error(
            Code::RenderFailed,
            Location::new("<json>", 1, 1),
            e.to_string(),
        ))
    };
    let mut value = serde_json::to_value(assessment).map_err(failed)?;
    if let serde_json::Value::Object(map) = &mut value {
        for (key, v) in [
            ("client", &options.client),
            ("prepared_by", &options.prepared_by),
            ("confidential", &options.confidential),
        ] {
            if let Some(v) = v {
                map.insert(key.to_string(), serde_json::Value::String(v.clone()));
            }
        }
        if let Some(c) = comparison {
            map.insert(
                "baseline".into(),
                serde_json::to_value(&c.baseline).map_err(failed)?,
            );
            map.insert(
                "changes".into(),
                serde_json::to_value(&c.changes).map_err(failed)?,
            );
        }
    }
    let mut json = serde_json::to_string_pretty(&value).map_err(failed)?;
    json.push('\n');
    Ok(json)
}
