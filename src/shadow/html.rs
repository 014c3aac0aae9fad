//! The shadow report as one self-contained page: inline SVG charts, no script, no network.

use std::fmt::Write;

use super::outcome::Did;
use super::report::{Report, Tally};
use crate::eval::report::{bars, esc};

const RESOLVE: (&str, &str) = ("would resolve", "#2e8b57");
const ON_YES: (&str, &str) = ("would act on a yes", "#8fbc8f");
const ASK: (&str, &str) = ("would ask", "#e0b040");
const HAND_OFF: (&str, &str) = ("would hand off", "#c05050");
const AGREED: (&str, &str) = ("agreed", "#2e8b57");
const DISAGREED: (&str, &str) = ("disagreed", "#c05050");
const UNDETERMINED: (&str, &str) = ("undetermined", "#e0b040");
const UNRECORDED: (&str, &str) = ("no record", "#b0b0b0");

fn rows<'a>(
    report: &'a Report,
    segments: &dyn Fn(&Tally) -> Vec<(usize, &'static str)>,
) -> Vec<(String, Vec<(usize, &'static str)>)> {
    std::iter::once(("all tickets".to_owned(), segments(&report.total)))
        .chain(
            report
                .by_intent
                .iter()
                .map(|(i, t)| (i.clone(), segments(t))),
        )
        .collect()
}

fn writes(did: &Did) -> String {
    did.writes()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page; `title` names the backlog.
pub fn page(report: &Report, title: &str) -> String {
    let t = &report.total;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>frontdesk shadow report: {}</title><style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}}th{{background:#f3f3f3}}td.n{{text-align:right}}pre{{white-space:pre-wrap;margin:0;font-size:12px}}</style></head><body>",
        esc(title)
    );
    let _ = write!(
        h,
        "<h1>frontdesk shadow report</h1><p>{}</p><p>{} tickets read by a shadow run (nothing was written to the store or sent to a customer), compared with what a person did where the backlog records it.</p>",
        esc(title),
        t.tickets
    );
    h.push_str("<h2>Summary</h2><table>");
    let pct = |n: usize| {
        if t.tickets == 0 {
            "-".to_owned()
        } else {
            format!("{:.1} %", 100.0 * n as f64 / t.tickets as f64)
        }
    };
    for (label, n) in [
        (
            "would resolve (a write the gate allowed, or an answer)",
            t.would_resolve,
        ),
        ("… of which by a write", t.would_act),
        (
            "would propose writes and act on the customer's yes",
            t.would_act_on_confirmation,
        ),
        ("would ask the customer a question", t.would_ask),
        ("would hand off to a person", t.would_hand_off),
        ("agreed with the person", t.agreed),
        ("disagreed with the person", t.disagreed),
        (
            "undetermined (frontdesk asked; the backlog has no answer)",
            t.undetermined,
        ),
        ("no recorded outcome", t.unrecorded),
    ] {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=n>{n}</td><td class=n>{}</td></tr>",
            esc(label),
            pct(n)
        );
    }
    let _ = write!(
        h,
        "<tr><td>recorded tickets without a shadow outcome</td><td class=n>{}</td><td></td></tr>",
        report.missing.len()
    );
    if let Some(a) = t.agreement() {
        let _ = write!(h, "<tr><th>agreement (agreed / (agreed + disagreed))</th><th class=n colspan=2>{:.1} %</th></tr>", 100.0 * a);
    }
    h.push_str("</table>");
    h.push_str("<h2>What frontdesk would have done, by intent</h2>");
    h.push_str(&bars(
        &rows(report, &|t| {
            vec![
                (t.would_resolve, RESOLVE.1),
                (t.would_act_on_confirmation, ON_YES.1),
                (t.would_ask, ASK.1),
                (t.would_hand_off, HAND_OFF.1),
            ]
        }),
        &[RESOLVE, ON_YES, ASK, HAND_OFF],
    ));
    h.push_str("<h2>Against the person, by intent</h2>");
    h.push_str(&bars(
        &rows(report, &|t| {
            vec![
                (t.agreed, AGREED.1),
                (t.disagreed, DISAGREED.1),
                (t.undetermined, UNDETERMINED.1),
                (t.unrecorded, UNRECORDED.1),
            ]
        }),
        &[AGREED, DISAGREED, UNDETERMINED, UNRECORDED],
    ));
    h.push_str("<h2>By intent</h2><table><tr><th>intent</th><th>tickets</th><th>resolve</th><th>act on a yes</th><th>ask</th><th>hand off</th><th>agreed</th><th>disagreed</th><th>undetermined</th><th>agreement</th></tr>");
    for (intent, t) in &report.by_intent {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
            esc(intent), t.tickets, t.would_resolve, t.would_act_on_confirmation, t.would_ask, t.would_hand_off, t.agreed, t.disagreed, t.undetermined,
            t.agreement().map(|a| format!("{:.1} %", 100.0 * a)).unwrap_or_else(|| "-".into())
        );
    }
    h.push_str("</table><h2>Verdicts by reason</h2><table>");
    for (why, n) in &report.reasons {
        let _ = write!(h, "<tr><td>{}</td><td class=n>{n}</td></tr>", esc(why));
    }
    h.push_str("</table><h2>Handoffs by reason</h2><table>");
    for (why, n) in &report.handoff_reasons {
        let _ = write!(h, "<tr><td>{}</td><td class=n>{n}</td></tr>", esc(why));
    }
    let _ = write!(
        h,
        "</table><h2>Cases ({} disagreed or undetermined)</h2><table><tr><th>ticket</th><th>intent (person's)</th><th>verdict: why</th><th>frontdesk</th><th>person</th><th>frontdesk's reply or handoff</th></tr>",
        report.cases.len()
    );
    for c in &report.cases {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{} ({})</td><td>{:?}: {}</td><td>{}<pre>{}</pre></td><td>{:?}<pre>{}</pre></td><td><pre>{}</pre></td></tr>",
            esc(&c.ticket_id),
            esc(&c.intent),
            esc(c.human_intent.as_deref().unwrap_or("-")),
            c.verdict,
            esc(c.why),
            c.frontdesk.label(),
            esc(&writes(&c.frontdesk)),
            c.human,
            esc(&c.human_writes.join("\n")),
            esc(&c.text)
        );
    }
    h.push_str("</table></body></html>\n");
    h
}
