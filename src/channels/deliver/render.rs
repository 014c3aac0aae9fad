//! The texts deliver writes: the handoff note a person reads, the HTML alternative of a
//! reply, SMS segments, and the normalised text used to recognise a message already sent.

use crate::messages::Handoff;

/// The internal note of a handoff: why, the summary, the proposed action, the drafted
/// reply and the thread.
pub fn handoff_note(h: &Handoff) -> String {
    let mut s = format!(
        "frontdesk handed this conversation to a person.\n\nReason: {} ({})\nSummary: {}\n",
        h.reason, h.reason_code, h.summary
    );
    if let Some(a) = &h.proposed_action {
        s.push_str(&format!(
            "Proposed action (needs approval): {} {}\n",
            a.tool, a.arguments_json
        ));
    }
    if !h.draft_reply.trim().is_empty() {
        s.push_str(&format!("\nDraft reply:\n{}\n", h.draft_reply.trim()));
    }
    if !h.transcript.is_empty() {
        s.push_str("\nConversation:\n");
        for t in &h.transcript {
            s.push_str(&format!("{}: {}\n", t.role, t.text.trim()));
        }
    }
    s
}

/// `text` as HTML: escaped, one paragraph per blank-line-separated block.
pub fn html(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

/// `text` in segments of at most `max` characters, cut at the last whitespace before the
/// limit (mid-word only when a word is longer than `max`).
pub fn split_sms(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    let mut rest: &str = text.trim();
    while rest.chars().count() > max {
        let limit = rest
            .char_indices()
            .nth(max)
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let cut = if rest[limit..].starts_with(char::is_whitespace) {
            limit
        } else {
            rest[..limit]
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
                .unwrap_or(limit)
        };
        out.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// Text with HTML tags removed and whitespace collapsed: how a sent message is recognised
/// in what the provider lists back (which may have turned text into HTML).
pub fn normalized(text: &str) -> String {
    let plain = if text.contains('<') {
        mail_parser::decoders::html::html_to_text(text)
    } else {
        text.to_owned()
    };
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sms_is_split_at_words_within_the_limit() {
        let text = "one two three four five six";
        let parts = split_sms(text, 10);
        assert_eq!(parts, vec!["one two", "three four", "five six"]);
        assert!(parts.iter().all(|p| p.chars().count() <= 10));
        assert_eq!(parts.join(" "), text);
        assert_eq!(split_sms("short", 1600), vec!["short"]);
        assert_eq!(split_sms("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        let long = "é".repeat(25);
        assert!(split_sms(&long, 10).iter().all(|p| p.chars().count() <= 10));
    }

    #[test]
    fn html_escapes_and_makes_paragraphs() {
        assert_eq!(
            html("Hi <Jane>,\n\nyour refund & label\nare ready."),
            "<p>Hi &lt;Jane&gt;,</p><p>your refund &amp; label<br>are ready.</p>"
        );
    }

    #[test]
    fn normalized_text_ignores_markup_and_spacing() {
        assert_eq!(
            normalized("<p>Your  order\nshipped.</p>"),
            "Your order shipped."
        );
        assert_eq!(normalized("Your order shipped."), "Your order shipped.");
    }
}
