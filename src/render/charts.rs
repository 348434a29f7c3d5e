//! The inline SVG the HTML template draws: score bars, the commitment chart, the gap chart.

use minijinja::Value;

use super::filters::as_f64;
use super::text::{html_escape, show_controls};

/// An inline SVG bar for HTML, coloured by band.
pub(super) fn svg_bar(v: Value, band: String) -> Value {
    let pctv = as_f64(&v).unwrap_or(0.0).clamp(0.0, 100.0);
    let colour = match band.as_str() {
        "strong" => "#1a7f37",
        "developing" => "#9a6700",
        "weak" => "#bc4c00",
        "critical" => "#cf222e",
        _ => "#6e7781",
    };
    Value::from_safe_string(format!(
        "<svg class=\"bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{pctv:.1} of 100\"><rect width=\"100\" height=\"6\" rx=\"3\" fill=\"#eaeef2\"/><rect width=\"{pctv:.1}\" height=\"6\" rx=\"3\" fill=\"{colour}\"/></svg>"
    ))
}

/// Text for an SVG `<text>` element: XML-escaped, controls shown, cut to `max` characters.
pub(super) fn svg_text(text: &str, max: usize) -> String {
    let text = show_controls(text);
    let cut: String = if text.chars().count() > max {
        text.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    } else {
        text
    };
    html_escape(&cut)
}

pub(super) fn band_colour(band: &str) -> &'static str {
    match band {
        "strong" => "#1a7f37",
        "developing" => "#9a6700",
        "weak" => "#bc4c00",
        "critical" => "#cf222e",
        _ => "#6e7781",
    }
}

pub(super) fn attr_f64(v: &Value, name: &str) -> Option<f64> {
    v.get_attr(name).ok().as_ref().and_then(as_f64)
}

pub(super) fn attr_string(v: &Value, name: &str) -> String {
    v.get_attr(name)
        .ok()
        .filter(|x| !x.is_none() && !x.is_undefined())
        .map(|x| x.to_string())
        .unwrap_or_default()
}

/// `commitment_chart(assessment)`: one bar per commitment on a 0-100 axis, with the
/// assessment's own thresholds marked (weak below `weak_below`, the top band from its lower
/// bound). A commitment without a score shows an empty track and says so.
pub(super) fn commitment_chart(assessment: Value) -> Result<Value, minijinja::Error> {
    let commitments = assessment.get_attr("commitments")?;
    let thresholds = assessment.get_attr("thresholds")?;
    let weak_below = attr_f64(&thresholds, "weak_below");
    let top_band = thresholds
        .get_attr("bands")
        .ok()
        .and_then(|b| b.try_iter().ok().and_then(|it| it.last()));
    let mut marks: Vec<(f64, String)> = Vec::new();
    if let Some(w) = weak_below {
        marks.push((w, format!("weak below {w}")));
    }
    if let Some(top) = &top_band
        && let Some(from) = attr_f64(top, "from")
        && from > 0.0
        && Some(from) != weak_below
    {
        marks.push((from, format!("{} from {from}", attr_string(top, "id"))));
    }
    let (left, right, width) = (4.0, 560.0, 640.0);
    let x = |score: f64| left + (right - left) * score.clamp(0.0, 100.0) / 100.0;
    let row = 42.0;
    let top = 22.0;
    let rows: Vec<Value> = commitments.try_iter()?.collect();
    let height = top + row * rows.len() as f64 + 16.0;
    let mut svg = format!(
        "<svg class=\"chart commitments-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Score per commitment on a 0 to 100 scale\">"
    );
    for (i, c) in rows.iter().enumerate() {
        let y = top + row * i as f64;
        let title = svg_text(&attr_string(c, "title"), 80);
        let band = attr_string(c, "band");
        svg.push_str(&format!(
            "<text x=\"{left}\" y=\"{:.1}\" class=\"label\">{title}</text><rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\" fill=\"#eaeef2\"/>",
            y + 11.0,
            y + 17.0,
            right - left
        ));
        match attr_f64(c, "score") {
            Some(score) => svg.push_str(&format!(
                "<rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{score:.1}</text>",
                y + 17.0,
                x(score) - left,
                band_colour(&band),
                right + 10.0,
                y + 29.0
            )),
            None => svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"none\">not enough answers</text><text x=\"{:.1}\" y=\"{:.1}\" class=\"value none\">no score</text>",
                left + 8.0,
                y + 28.5,
                right + 10.0,
                y + 29.0
            )),
        }
    }
    for (value, label) in &marks {
        let mx = x(*value);
        svg.push_str(&format!(
            "<line x1=\"{mx:.1}\" y1=\"{:.1}\" x2=\"{mx:.1}\" y2=\"{:.1}\" class=\"mark\"/><text x=\"{mx:.1}\" y=\"12\" class=\"mark-label\" text-anchor=\"middle\">{}</text>",
            top - 4.0,
            height - 12.0,
            svg_text(label, 40)
        ));
    }
    for tick in [0.0, 50.0, 100.0] {
        let anchor = if tick == 0.0 {
            "start"
        } else if tick == 100.0 {
            "end"
        } else {
            "middle"
        };
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"{anchor}\">{tick}</text>",
            x(tick),
            height - 2.0
        ));
    }
    svg.push_str("</svg>");
    Ok(Value::from_safe_string(svg))
}

/// `gap_chart(assessment)`: each perception gap as two points on the agreement scale, the
/// lower group's mean and the higher group's, joined by a line whose length is the gap.
pub(super) fn gap_chart(assessment: Value) -> Result<Value, minijinja::Error> {
    let gaps: Vec<Value> = assessment
        .get_attr("perception_gaps")?
        .try_iter()?
        .collect();
    if gaps.is_empty() {
        return Ok(Value::from_safe_string(String::new()));
    }
    let means = gaps.iter().flat_map(|g| {
        ["lower", "higher"]
            .into_iter()
            .filter_map(|side| g.get_attr(side).ok().and_then(|s| attr_f64(&s, "mean")))
            .collect::<Vec<_>>()
    });
    let (mut lo, mut hi) = (1.0_f64, 5.0_f64);
    for m in means {
        lo = lo.min(m.floor());
        hi = hi.max(m.ceil());
    }
    let (left, right, width) = (170.0, 470.0, 640.0);
    let x = |m: f64| left + (right - left) * (m - lo) / (hi - lo).max(1.0);
    let row = 46.0;
    let top = 8.0;
    let height = top + row * gaps.len() as f64 + 18.0;
    let mut svg = format!(
        "<svg class=\"chart gap-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Group means on the agreement scale, {lo} to {hi}\">"
    );
    for (i, g) in gaps.iter().enumerate() {
        let y = top + row * i as f64;
        let lower = g.get_attr("lower")?;
        let higher = g.get_attr("higher")?;
        let (lm, hm) = (
            attr_f64(&lower, "mean").unwrap_or(lo),
            attr_f64(&higher, "mean").unwrap_or(lo),
        );
        let colour = if attr_string(g, "severity") == "severe" {
            "#cf222e"
        } else {
            "#9a6700"
        };
        let cy = y + 30.0;
        svg.push_str(&format!(
            "<text x=\"4\" y=\"{:.1}\" class=\"label\">{}</text><line x1=\"{left}\" y1=\"{cy:.1}\" x2=\"{right}\" y2=\"{cy:.1}\" class=\"axis\"/><line x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"{colour}\" stroke-width=\"4\"/><circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2.5\"/><circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"group\" text-anchor=\"end\">{} {lm:.2}</text><text x=\"{:.1}\" y=\"{:.1}\" class=\"group\">{} {hm:.2}</text>",
            y + 12.0,
            svg_text(&format!("{}. {}", i + 1, attr_string(g, "criterion")), 60),
            x(lm),
            x(hm),
            x(lm),
            x(hm),
            x(lm) - 10.0,
            cy + 4.0,
            svg_text(&attr_string(&lower, "group"), 22),
            x(hm) + 10.0,
            cy + 4.0,
            svg_text(&attr_string(&higher, "group"), 22),
        ));
    }
    let steps = (hi - lo).round() as i64;
    for s in 0..=steps {
        let v = lo + s as f64;
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{v}</text>",
            x(v),
            height - 4.0
        ));
    }
    svg.push_str("</svg>");
    Ok(Value::from_safe_string(svg))
}

#[cfg(test)]
mod tests {
    use super::super::{Format, RenderOptions, render};

    #[test]
    fn the_commitment_chart_marks_the_assessments_own_thresholds() {
        let catalog = crate::Catalog::builtin();
        let text = include_str!("../../examples/pay-cliff.yaml");
        let (rubric, q) = catalog
            .load_questionnaire("pay-cliff.yaml", text, None)
            .unwrap();
        let mut a = crate::evaluate(&rubric, &q, &catalog.articles).unwrap();
        let html = render(&a, Format::Html, &RenderOptions::default()).unwrap();
        assert!(html.contains(">weak below 60</text>") && html.contains(">strong from 80</text>"));
        a.thresholds.weak_below = rust_decimal::Decimal::from(55);
        a.thresholds.bands.last_mut().unwrap().from = rust_decimal::Decimal::from(85);
        let html = render(&a, Format::Html, &RenderOptions::default()).unwrap();
        assert!(html.contains(">weak below 55</text>") && html.contains(">strong from 85</text>"));
        assert!(!html.contains("weak below 60"));
        // 55 on a bar from x=4 to x=560 sits at 4 + 556 * 0.55 = 309.8.
        assert!(html.contains("<line x1=\"309.8\""), "{html}");
    }
}
