//! The HTML report: one self-contained page (inline SVG, no scripts, no network).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::score::{Scored, Summary, Verdict};

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:.1} %", 100.0 * x))
        .unwrap_or_else(|| "n/a".into())
}

/// Horizontal bars, one row per label, segments stacked (also the shadow report's charts).
pub(crate) fn bars(rows: &[(String, Vec<(usize, &str)>)], legend: &[(&str, &str)]) -> String {
    let max = rows
        .iter()
        .map(|(_, s)| s.iter().map(|(n, _)| *n).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (label_w, bar_w, row_h) = (220.0, 480.0, 22.0);
    let h = row_h * rows.len() as f64 + 30.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{h}" font-size="12" font-family="sans-serif">"#,
        label_w + bar_w + 60.0
    );
    for (i, (label, segs)) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            label_w - 6.0,
            y + 15.0,
            esc(label)
        );
        let mut x = label_w;
        let mut total = 0;
        for (n, color) in segs {
            let w = bar_w * *n as f64 / max as f64;
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{}" width="{w}" height="{}" fill="{color}"/>"#,
                y + 3.0,
                row_h - 6.0
            );
            x += w;
            total += n;
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}">{total}</text>"#,
            x + 4.0,
            y + 15.0
        );
    }
    let mut lx = label_w;
    for (name, color) in legend {
        let y = h - 12.0;
        let _ = write!(
            svg,
            r#"<rect x="{lx}" y="{}" width="10" height="10" fill="{color}"/><text x="{}" y="{}">{}</text>"#,
            y - 9.0,
            lx + 14.0,
            y,
            esc(name)
        );
        lx += 20.0 + 8.0 * name.len() as f64;
    }
    svg.push_str("</svg>");
    svg
}

fn histogram(latencies: &[u64]) -> String {
    if latencies.is_empty() {
        return String::new();
    }
    let max = *latencies.iter().max().unwrap_or(&1) as f64;
    let bins = 20usize;
    let width = (max / bins as f64).max(1.0);
    let mut counts = vec![0usize; bins];
    for l in latencies {
        let i = ((*l as f64 / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let rows: Vec<(String, Vec<(usize, &str)>)> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                format!("{:.0}–{:.0} ms", i as f64 * width, (i + 1) as f64 * width),
                vec![(*c, "#4a7bd0")],
            )
        })
        .collect();
    bars(&rows, &[("runs", "#4a7bd0")])
}

/// The page.
pub fn html(summary: &Summary, scored: &[Scored]) -> String {
    let mut h = String::new();
    h.push_str("<!doctype html><html><head><meta charset=\"utf-8\"><title>frontdesk eval</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}.bad{color:#b00}.ok{color:#070}pre{white-space:pre-wrap;background:#f8f8f8;padding:6px;margin:0}details{margin:.5em 0}</style></head><body>");
    let _ = write!(
        h,
        "<h1>frontdesk eval</h1><p>{} case runs ({} cases × {} runs).</p>",
        summary.cases, summary.distinct_cases, summary.runs
    );
    h.push_str("<h2>Summary</h2><table>");
    let rows = [
        (
            "resolution rate (true resolutions)",
            pct(Some(summary.resolution_rate)),
        ),
        (
            "false resolution rate",
            pct(Some(summary.false_resolution_rate)),
        ),
        ("escalation precision", pct(summary.escalation_precision)),
        ("escalation recall", pct(summary.escalation_recall)),
        (
            "harmful action rate",
            pct(Some(summary.harmful_action_rate)),
        ),
        (
            "latency p50 / p90 / p99",
            format!(
                "{} / {} / {} ms",
                summary.latency.p50_ms, summary.latency.p90_ms, summary.latency.p99_ms
            ),
        ),
    ];
    for (k, v) in rows {
        let _ = write!(h, "<tr><th>{k}</th><td>{v}</td></tr>");
    }
    for (k, v) in &summary.pass_hat_k {
        let _ = write!(h, "<tr><th>{}</th><td>{}</td></tr>", esc(k), pct(Some(*v)));
    }
    if let Some(c) = summary.cost_usd {
        let _ = write!(
            h,
            "<tr><th>model tokens in / out, cost</th><td>{} / {}, ${c:.4}</td></tr>",
            summary.tokens_in.unwrap_or(0),
            summary.tokens_out.unwrap_or(0)
        );
    }
    h.push_str(
        "</table><h3>Gates</h3><table><tr><th>metric</th><th>rule</th><th>value</th><th></th></tr>",
    );
    for g in &summary.gates {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{} {}</td><td>{}</td><td class=\"{}\">{}</td></tr>",
            g.metric,
            esc(&g.op),
            g.threshold,
            g.value
                .map(|v| format!("{v:.4}"))
                .unwrap_or_else(|| "n/a".into()),
            if g.passed { "ok" } else { "bad" },
            if g.passed { "pass" } else { "FAIL" }
        );
    }
    h.push_str("</table>");

    h.push_str("<h2>Resolution by intent</h2>");
    let intent_rows: Vec<(String, Vec<(usize, &str)>)> = summary
        .per_intent
        .iter()
        .map(|(k, c)| {
            (
                k.clone(),
                vec![
                    (c.true_resolutions, "#2e8b57"),
                    (c.false_resolutions, "#d9534f"),
                    (c.escalated, "#f0ad4e"),
                    (c.unresolved, "#999"),
                ],
            )
        })
        .collect();
    h.push_str(&bars(
        &intent_rows,
        &[
            ("true resolution", "#2e8b57"),
            ("false resolution", "#d9534f"),
            ("escalated", "#f0ad4e"),
            ("unresolved", "#999"),
        ],
    ));
    h.push_str("<table><tr><th>intent</th><th>runs</th><th>true res.</th><th>false res.</th><th>escalated</th><th>unresolved</th><th>harmful</th></tr>");
    for (k, c) in summary.per_intent.iter().chain(summary.per_tag.iter()) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(k), c.cases, c.true_resolutions, c.false_resolutions, c.escalated, c.unresolved, c.harmful
        );
    }
    h.push_str("</table><p>Rows after the intents are the cases' tags.</p>");

    h.push_str("<h2>By kind</h2><p>A case's kind is what its label writes. <i>waiting</i>: runs that ended on a question or a confirmation with no message left.</p><table><tr><th>kind</th><th>runs</th><th>true res.</th><th>false res.</th><th>escalated</th><th>waiting</th><th>unresolved</th><th>harmful</th></tr>");
    for (k, c) in &summary.per_kind {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(k), c.cases, c.true_resolutions, c.false_resolutions, c.escalated, c.waiting, c.unresolved, c.harmful
        );
    }
    h.push_str("</table>");

    h.push_str("<h2>Escalation reasons</h2>");
    let reason_rows: Vec<(String, Vec<(usize, &str)>)> = summary
        .escalation_reasons
        .iter()
        .map(|(k, n)| (k.clone(), vec![(*n, "#f0ad4e")]))
        .collect();
    h.push_str(&bars(&reason_rows, &[("handoffs", "#f0ad4e")]));

    h.push_str("<h2>Latency</h2>");
    let lat: Vec<u64> = scored.iter().map(|s| s.observed.latency_ms).collect();
    h.push_str(&histogram(&lat));

    let mut groups: BTreeMap<&str, Vec<&Scored>> = BTreeMap::new();
    for s in scored {
        if s.harmful {
            groups.entry("Harmful actions").or_default().push(s);
        }
        if s.verdict == Verdict::FalseResolution {
            groups.entry("False resolutions").or_default().push(s);
        }
        if s.verdict == Verdict::MissedEscalation {
            groups.entry("Missed escalations").or_default().push(s);
        }
    }
    for (title, list) in groups {
        let _ = write!(h, "<h2>{title} ({})</h2>", list.len());
        for s in list {
            let _ = write!(
                h,
                "<details><summary><b>{}</b> run {} — {:?}, ending {:?}, intent {}</summary>",
                esc(&s.id),
                s.run,
                s.verdict,
                s.observed.ending,
                esc(&s.intent)
            );
            if !s.unlabelled_writes.is_empty() {
                let _ = write!(
                    h,
                    "<p class=\"bad\">Unlabelled writes: {}</p>",
                    esc(&s.unlabelled_writes.join("; "))
                );
            }
            if !s.missing_outputs.is_empty() {
                let _ = write!(
                    h,
                    "<p class=\"bad\">Missing outputs: {}</p>",
                    esc(&s.missing_outputs.join("; "))
                );
            }
            let _ = write!(
                h,
                "<p>State matches the label: {}</p><table><tr><th>who</th><th>text</th></tr>",
                s.state_matches
            );
            for e in &s.observed.thread {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td><pre>{}</pre></td></tr>",
                    esc(&e.role),
                    esc(&e.text)
                );
            }
            h.push_str("</table><table><tr><th>tool</th><th>arguments</th><th>outcome</th></tr>");
            for c in &s.observed.tool_log {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td><pre>{}</pre></td><td>{} {}</td></tr>",
                    esc(&c.tool),
                    esc(&c.arguments_json),
                    esc(&c.outcome),
                    esc(c.error.as_deref().unwrap_or(""))
                );
            }
            h.push_str("</table></details>");
        }
    }
    h.push_str("</body></html>\n");
    h
}
