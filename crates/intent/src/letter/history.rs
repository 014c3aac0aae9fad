//! The customer's own words of an e-mail: quoted history, signatures and legal footers
//! removed.
//!
//! What is cut is what mail clients and mail servers write, not what a data set happened to
//! contain: the attribution line before a quote (`On <date>, <name> wrote:` and its French,
//! German and Spanish forms, as Gmail, Apple Mail and Thunderbird write them), Outlook's
//! `-----Original Message-----` and `From: ... Sent: ...` header blocks and its underscore
//! rule, `>`-quoted lines (top- or inline-posted), the RFC 3676 signature separator
//! `-- `, the mobile clients' "Sent from my ..." footers, and the confidentiality notice a
//! company's mail server appends ("If you are not the intended recipient, ...").
//!
//! Every channel's text passes through here before it is routed or planned, not only mail
//! read over IMAP: a helpdesk or an evaluation hands over the body as the customer's client
//! wrote it, and "If you have received this message in error, delete it" is no condition
//! on the request, nor is a quoted "a member of our team will get back to you" a request
//! for a person.

use std::sync::LazyLock;

use regex::Regex;

/// A line after which everything is quoted history.
static QUOTE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // Compiled from literals; covered by the tests below.
    Regex::new(
        r"(?ix)^\s*(?:
            on\b.{0,300}\bwrote:
          | le\b.{0,300}\ba\s+écrit\s*:
          | am\b.{0,300}\bschrieb\b.{0,120}:
          | el\b.{0,300}\bescribió:
          | -{2,}\s*(?:original\s+message|forwarded\s+message|ursprüngliche\s+nachricht|message\s+d'origine)\s*-{2,}
          | _{20,}
        )\s*$",
    )
    .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
});

/// Outlook's header block: `From:` followed within a few lines by `Sent:` or `Date:`.
static OUTLOOK_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(?:from|von|de)\s*:\*?\s+\S")
        .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
});
static OUTLOOK_SENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(?:sent|date|gesendet|envoyé)\s*:\*?\s+\S")
        .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
});

/// A line after which everything is a signature or a client's footer.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:--\s?|\s*sent\s+from\s+my\s+.{1,40}|\s*get\s+outlook\s+for\s+.{1,30}|\s*sent\s+from\s+mail\s+for\s+windows.*)$",
    )
    .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
});

/// A paragraph of a legal footer: a confidentiality notice's heading or its usual sentences.
static LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
            ^\s*\**\s*(?:confidentiality\ notice|confidentiality|disclaimer|legal\ notice
                    |privileged\ (?:and|&)\ confidential)\s*\**\s*[:.\-]
          | \bnot\ the\ intended\ recipient
          | \bintended\ (?:solely\ |only\ )?for\ the\ (?:named\ )?(?:recipient|addressee|use)
          | \breceived\ this\ (?:e-?mail|message|communication|transmission)\ in\ error\b
          | \bbefore\ printing\ this\ (?:e-?mail|message)\b",
    )
    .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
});

/// The customer's text: `text` up to the first quote header or signature, without quoted
/// lines and without a legal footer's closing paragraphs. When that leaves nothing (a
/// message that is all quote), the whole text. A quoted earlier e-mail of the writer's own
/// ([`own_quote`]) is kept after the new text: it is the customer's words too.
pub fn customer_text(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    let lines: Vec<&str> = normalized.lines().collect();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut quoted: Vec<&str> = Vec::new();
    let mut attribution = "";
    for (i, line) in lines.iter().enumerate() {
        if SIGNATURE.is_match(line) {
            break;
        }
        if is_quote_header(&lines, i) {
            attribution = line;
            quoted.extend(lines[i + 1..].iter().copied());
            break;
        }
        if line.trim_start().starts_with('>') {
            quoted.push(line);
            continue;
        }
        kept.push(line.trim_end());
    }
    // a rule ("-----") left above the quote's attribution
    while kept
        .last()
        .is_some_and(|l| !l.trim().is_empty() && !l.chars().any(char::is_alphanumeric))
    {
        kept.pop();
    }
    let out = without_legal_footer(kept.join("\n").trim());
    if out.is_empty() {
        return normalized.trim().to_owned();
    }
    match own_quote(&kept, attribution, &quoted) {
        Some(earlier) => format!("{out}\n\n{earlier}"),
        None => out,
    }
}

/// Words of an attribution that name a company's address, not a person.
static NOT_A_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:support|team|service|help|helpdesk|care|no-?reply|orders|shop|store)\b")
        .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
});

/// The quoted lines as the writer's own earlier e-mail, unquoted, when the writer signed the
/// new text with the name the attribution gives ("lucas" above "On Monday lucas wrote:") or
/// the quote's own closing gives ("Evelyn" above "> Thanks, Evelyn Wilson"): a customer
/// adding a "PS" to a message of theirs that got no answer yet. A quote of anyone else
/// (the shop's reply, a forwarded mail) stays cut.
fn own_quote(kept: &[&str], attribution: &str, quoted: &[&str]) -> Option<String> {
    let name = sign_off_name(kept)?;
    let named = |line: &str| {
        line.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(&name))
    };
    let lines: Vec<String> = quoted
        .iter()
        .map(|l| l.trim_start().trim_start_matches('>').trim().to_owned())
        .collect();
    let by_attribution = named(attribution) && !NOT_A_PERSON.is_match(attribution);
    let by_closing = attribution.is_empty()
        && sign_off_name(&lines.iter().map(String::as_str).collect::<Vec<_>>())
            .is_some_and(|n| n.eq_ignore_ascii_case(&name));
    if !(by_attribution || by_closing) || quoted.iter().any(|l| l.contains(">>")) {
        return None;
    }
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// The first name the new text is signed with: its last line when that is one to three
/// words of letters after an optional dash or closing ("- Emma Santos", "Thanks, lucas").
fn sign_off_name(kept: &[&str]) -> Option<String> {
    static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^\s*(?:[-–—~]\s*)?(?:(?:{})\s*,?\s+)?(\p{{L}}{{2,}})(?:\s+\p{{L}}[\p{{L}}.'-]*){{0,2}}\s*$",
            super::CLOSING_WORDS
        ))
        .unwrap_or_else(|e| unreachable!("literal pattern: {e}"))
    });
    const NOT_NAMES: &[&str] = &[
        "the", "a", "an", "my", "your", "and", "or", "yes", "no", "ok", "okay", "please", "thanks",
        "thank", "sorry", "hi", "hello", "order", "item",
    ];
    let last = kept.iter().rev().find(|l| !l.trim().is_empty())?;
    SIGNED
        .captures(last)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
        .filter(|n| !NOT_NAMES.iter().any(|w| n.eq_ignore_ascii_case(w)))
}

/// `text` without its closing paragraphs that are a legal footer; at least one paragraph
/// stays.
fn without_legal_footer(text: &str) -> String {
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    while paragraphs.len() > 1
        && paragraphs
            .last()
            .is_some_and(|p| p.trim().is_empty() || LEGAL.is_match(p))
    {
        paragraphs.pop();
    }
    paragraphs.join("\n\n").trim_end().to_owned()
}

fn is_quote_header(lines: &[&str], i: usize) -> bool {
    if QUOTE_HEADER.is_match(lines[i]) {
        return true;
    }
    // Gmail wraps a long attribution over two lines.
    if let Some(next) = lines.get(i + 1) {
        let joined = format!("{} {}", lines[i].trim_end(), next.trim_start());
        if lines[i]
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("on ")
            && QUOTE_HEADER.is_match(&joined)
        {
            return true;
        }
    }
    OUTLOOK_FROM.is_match(lines[i])
        && lines[i + 1..]
            .iter()
            .take(4)
            .any(|l| OUTLOOK_SENT.is_match(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_reply_keeps_only_the_new_text() {
        let t = "Thanks, but it still has not arrived.\r\n\r\nOn Mon, Nov 3, 2025 at 9:12 AM Acme Support <support@acme.example> wrote:\r\n> Your order W1234567 shipped yesterday.\r\n> Best, Acme\r\n";
        assert_eq!(customer_text(t), "Thanks, but it still has not arrived.");
    }

    #[test]
    fn wrapped_gmail_attribution_is_recognised() {
        let t = "Yes please go ahead.\n\nOn Tue, Nov 4, 2025 at 10:01 AM Acme Customer Support Team <\nsupport@acme.example> wrote:\n\n> Shall I cancel it?\n";
        assert_eq!(customer_text(t), "Yes please go ahead.");
    }

    #[test]
    fn outlook_header_block_and_rule_end_the_text() {
        let t = "Please cancel order #W7654321.\n\n________________________________\nFrom: Acme Support <support@acme.example>\nSent: Monday, November 3, 2025 9:12 AM\nTo: Jane\nSubject: RE: order\n\nOld text";
        assert_eq!(customer_text(t), "Please cancel order #W7654321.");
        let t2 = "Refund please.\n\nFrom: Acme <support@acme.example>\nSent: Monday, November 3, 2025 9:12 AM\nSubject: order\n\nold";
        assert_eq!(customer_text(t2), "Refund please.");
        let t3 = "New question.\n-----Original Message-----\nFrom: x\n";
        assert_eq!(customer_text(t3), "New question.");
    }

    #[test]
    fn signatures_and_mobile_footers_are_cut() {
        assert_eq!(
            customer_text("Where is my parcel?\n\n-- \nJane Doe\nACME Corp\n"),
            "Where is my parcel?"
        );
        assert_eq!(
            customer_text("Where is my parcel?\n\nSent from my iPhone"),
            "Where is my parcel?"
        );
        assert_eq!(
            customer_text("Where is it?\n\nGet Outlook for Android"),
            "Where is it?"
        );
    }

    #[test]
    fn inline_replies_keep_the_customers_lines_between_quotes() {
        let t = "> Which order?\nW1234567\n> And the item?\nThe blue lamp\n";
        assert_eq!(customer_text(t), "W1234567\nThe blue lamp");
    }

    #[test]
    fn other_languages_attributions() {
        assert_eq!(
            customer_text(
                "Merci.\n\nLe lun. 3 nov. 2025 à 09:12, Acme <s@acme.example> a écrit :\n> x"
            ),
            "Merci."
        );
        assert_eq!(
            customer_text(
                "Danke.\n\nAm Mo., 3. Nov. 2025 um 09:12 Uhr schrieb Acme <s@acme.example>:\n> x"
            ),
            "Danke."
        );
    }

    #[test]
    fn ordinary_text_mentioning_these_words_is_kept() {
        let t = "On Monday I ordered a lamp.\nFrom: the shop page, I wrote down the order id.\nIt says -- shipped.";
        assert_eq!(customer_text(t), t);
    }

    #[test]
    fn a_legal_footer_is_cut_and_the_signature_before_it_kept() {
        let t = "Please cancel order #W7654321.\n\nThanks,\nJo Park\nMobile: 555-0100\n\nCONFIDENTIALITY NOTICE: This e-mail is intended solely for the addressee. If you are not the intended recipient, please delete it.";
        assert_eq!(
            customer_text(t),
            "Please cancel order #W7654321.\n\nThanks,\nJo Park\nMobile: 555-0100"
        );
        let t2 = "Where is my parcel?\n\nThis message may contain confidential information. If you have received this message in error, please notify the sender.\n\nPlease consider the environment before printing this email.";
        assert_eq!(customer_text(t2), "Where is my parcel?");
    }

    #[test]
    fn a_request_that_mentions_a_recipient_is_no_footer() {
        // the footer's words inside the request itself, and a request in the last paragraph
        let t = "Please cancel my order.\n\nThe gift is intended for my sister; if it arrives, could the intended recipient return it?";
        assert_eq!(customer_text(t), t);
    }

    #[test]
    fn the_writers_own_quoted_earlier_email_is_kept_after_the_new_text() {
        let t = "PS forgot something - change the black mouse to the white one\n\nlucas\n\n-----\nOn Monday lucas wrote:\n> hey\n> i want to return the thermostat pls\n> lucas";
        assert_eq!(
            customer_text(t),
            "PS forgot something - change the black mouse to the white one\n\nlucas\n\nhey\ni want to return the thermostat pls\nlucas"
        );
        // no attribution: the quote's closing names the writer
        let t = "PS the fleece too, size L please.\n\nEvelyn\n\n> Hello, please cancel order #W7381650.\n> Thanks, Evelyn Wilson";
        assert!(customer_text(t).ends_with("please cancel order #W7381650.\nThanks, Evelyn Wilson"));
    }

    #[test]
    fn a_quote_of_someone_else_stays_cut() {
        // the shop's reply, signed by its team, under a customer's sign-off
        let t = "Yes please.\n\nEvelyn\n\nOn Mon, Nov 3, 2025 Acme Support <support@acme.example> wrote:\n> Shall I cancel it, Evelyn?\n> Acme Support";
        assert_eq!(customer_text(t), "Yes please.\n\nEvelyn");
        // another person's mail
        let t = "Can you help my mum with this?\n\nLucas\n\nOn Monday Maria Silva wrote:\n> please cancel my order\n> Maria";
        assert_eq!(customer_text(t), "Can you help my mum with this?\n\nLucas");
        // unsigned new text
        let t =
            "Thanks, but it still has not arrived.\n\nOn Mon, lucas wrote:\n> where is it\n> lucas";
        assert_eq!(customer_text(t), "Thanks, but it still has not arrived.");
    }

    #[test]
    fn an_all_quoted_message_falls_back_to_the_whole_text() {
        assert_eq!(customer_text("> only a quote"), "> only a quote");
    }
}
