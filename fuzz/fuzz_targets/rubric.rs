//! Any bytes as a rubric: parse and check. Nothing may panic; a rubric that passes the check
//! must evaluate an empty questionnaire without panicking.
#![no_main]

use std::sync::LazyLock;

use assess::Catalog;
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rubric) = CATALOG.rubric_from_yaml("fuzz-rubric.yaml", text) {
        let q = format!("rubric: {}\nanswers:\n", rubric.id());
        if let Ok((rubric, q)) = CATALOG.load_questionnaire("q.yaml", &q, Some(&rubric)) {
            let _ = assess::evaluate(&rubric, &q, &CATALOG.articles);
        }
    }
});
