//! Any bytes as a questionnaire: load, validate, and for valid ones evaluate and render every
//! format. Nothing may panic; a rejected file must come with at least one located diagnostic.
#![no_main]

use std::sync::LazyLock;

use assess::{Catalog, Format, RenderOptions};
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match CATALOG.load_questionnaire("fuzz.yaml", text, None) {
        Ok((rubric, q)) => {
            let a = assess::evaluate(&rubric, &q, &CATALOG.articles)
                .expect("a questionnaire evaluates against the rubric it was validated against");
            for format in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
                assess::render(&a, format, &RenderOptions::default())
                    .expect("built-in templates render");
            }
        }
        Err(d) => {
            assert!(!d.is_empty());
            let _ = d.to_string();
        }
    }
});
