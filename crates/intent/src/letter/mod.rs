//! The parts of a written message that carry no request: the opening
//! salutation ("Dear customer service,", "Hi support!") and the closing
//! ("Thanks,\nEmma", "Best regards, Raj").
//!
//! They are stripped before routing because the words in them are request
//! words out of context: "customer service" in a salutation is not a request
//! for a person, and a name or a "thanks" is not a request at all.
//!
//! Before that, [`history::customer_text`] keeps the customer's own words: no
//! quoted history, signature delimiter block or legal footer.

pub mod history;
pub mod screened;

pub use history::customer_text;
pub use screened::screened_text;

use std::sync::LazyLock;

use regex::Regex;

/// A greeting word, an optional addressee of at most five words and the
/// punctuation that ends a salutation, on the first line and alone on it.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*
        (?: to\ whom\ it\ may\ concern
          | (?: hi | hello | hey | hiya | howdy | dear | greetings
              | good\ (?:morning|afternoon|evening|day) )
            (?: [\ \t]+ [[:alpha:]][[:alpha:]'.-]* ){0,5}
          # an addressee alone, closed by punctuation (Support team -, Customer service,)
          | (?: (?:customer\ )? (?:support|service|care|services) (?:\ team)? | team | all | folks | everyone )
            [\ \t]* [,!:;.\x{2013}\x{2014}-]
        )
        [\ \t]* [,!:;.\x{2013}\x{2014}-]* [\ \t]* \r?\n",
    )
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// The words that close a letter, as a regex alternation to match case-insensitively:
/// "Thanks", "Thank you", "Best regards", "Cheers", "Sincerely", "Love", "xx". One list for
/// every reader of sign-offs: the router's [`content_range`], the history reader's
/// signed name, and the planner's signature block.
pub const CLOSING_WORDS: &str = r"thanks|thank you|thx|ty|many thanks|thanks a lot|thanks again|cheers|(?:best|kind|warm|warmest)? ?regards|best(?: wishes)?|sincerely|yours(?: truly| sincerely)?|all the best|take care|talk soon|love|xx+|x";

/// A closing line: "Thanks,", "Thank you so much!", "Best regards", "Cheers", ...
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:{CLOSING_WORDS})(?:[ \t]+(?:so much|very much|again|in advance|for your help|a lot))?[ \t]*[,!.]*(?-i:[ \t]*[[:upper:]][[:alpha:]'.-]*(?:[ \t]+[[:upper:]][[:alpha:]'.-]*){{0,2}})?\s*$"
    ))
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Words a salutation's addressee never starts a request with: "Hi, can you ...",
/// "Hello I want ..." keep their request.
const REQUEST_START: &[&str] = &[
    "i", "i'd", "i'm", "i've", "im", "my", "we", "our", "can", "could", "would", "will", "please",
    "pls", "is", "are", "do", "does", "did", "what", "where", "when", "why", "how", "cancel",
    "return", "exchange", "change", "need", "want", "just", "so",
];

/// The byte range of `text` that carries its content: without an opening
/// salutation on a line of its own and a closing (a closing line and the short name lines after it,
/// or a trailing name line after a closing phrase on the same line). Never empty
/// when `text` has content: a message that is only a greeting is kept whole.
pub fn content_range(text: &str) -> (usize, usize) {
    let mut start = 0;
    if let Some(m) = OPENING.find(text) {
        let addressee = m.as_str();
        let starts_request = addressee
            .split_whitespace()
            .nth(1)
            .map(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
                REQUEST_START.contains(&w.to_lowercase().as_str())
            })
            .unwrap_or(false);
        if !starts_request && !text[m.end()..].trim().is_empty() {
            start = m.end();
        }
    }
    let end = closing_start(text, start).unwrap_or(text.len());
    let (a, b) = (start, end);
    let slice = &text[a..b];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if b - trail <= a + lead {
        let lead = text.len() - text.trim_start().len();
        return (lead, text.trim_end().len());
    }
    (a + lead, b - trail)
}

/// [`content_range`] as a slice.
pub fn content(text: &str) -> &str {
    let (a, b) = content_range(text);
    &text[a..b]
}

/// The text the router classifies for one message: the subject (when the channel
/// has one, without its reply and forward prefixes), a newline, and the
/// [`content`] of the body's [`customer_text`]; personal data the vault replaced by tokens
/// reads as a typical value ([`frontdesk_types::token::neutral`]).
pub fn routed_text(subject: Option<&str>, body: &str) -> String {
    thread_text(subject, &[body])
}

/// [`routed_text`] for a thread: the subject, then each of the customer's
/// messages' [`content`] on its own line. A reply's subject in the shop's voice ("Re: Your
/// message to our support team") is the shop's words, not the customer's, and is left out.
pub fn thread_text<S: AsRef<str>>(subject: Option<&str>, said: &[S]) -> String {
    let own: Vec<String> = said.iter().map(|t| customer_text(t.as_ref())).collect();
    let contents: Vec<&str> = own.iter().map(|t| content(t)).collect();
    let joined = contents.join("\n");
    let customers = |s: &&str| !s.is_empty() && !subject.is_some_and(|raw| shops_reply(raw, s));
    let text = match subject.map(subject_line).filter(customers) {
        Some(s) => format!("{s}\n{joined}"),
        None => joined,
    };
    frontdesk_types::token::neutral(&text).into_owned()
}

/// Whether `raw` is a reply ("Re: ...") whose `stripped` subject speaks to the customer:
/// "Your message to our support team", "Your order has shipped", "Thank you for contacting
/// us", "We received your request".
fn shops_reply(raw: &str, stripped: &str) -> bool {
    let lower = stripped.to_lowercase();
    raw.trim() != stripped
        && raw.trim_start().to_lowercase().starts_with("re")
        && [
            "your ",
            "thank you for ",
            "thanks for ",
            "we ",
            "we've ",
            "we have ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A subject without its "Re:", "Fwd:", "AW:" prefixes (repeated or not).
pub fn subject_line(subject: &str) -> &str {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let Some(prefix) = ["re:", "fwd:", "fw:", "aw:", "sv:", "wg:"]
            .iter()
            .find(|p| lower.starts_with(*p))
        else {
            return s;
        };
        s = s[prefix.len()..].trim_start();
    }
}

/// Where the closing starts: the last line that is a closing phrase, when
/// every line after it is short (a name, a title: at most four words).
fn closing_start(text: &str, floor: usize) -> Option<usize> {
    let mut offset = text.len();
    for line in text[floor..].rsplit('\n') {
        offset -= line.len();
        let at = offset;
        offset = offset.saturating_sub(1); // the '\n'
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if CLOSING.is_match(trimmed) {
            return Some(at);
        }
        if trimmed.split_whitespace().count() > 4 || trimmed.ends_with(['?', '.']) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_salutation_line_and_the_signature() {
        let t =
            "Dear customer service,\n\nPlease cancel order #W1234567.\n\nBest regards,\nAna Lopez";
        assert_eq!(content(t), "Please cancel order #W1234567.");
        let t = "Hi support!\nWhere is my parcel?\nThanks so much!\nTom";
        assert_eq!(content(t), "Where is my parcel?");
    }

    #[test]
    fn a_greeting_on_the_request_line_is_kept() {
        // only a salutation on a line of its own is left out: on the request's line
        // it is part of the sentence the model was trained on
        let t = "Hello there, please send my order to my office.";
        assert_eq!(content(t), t);
        let t = "Good morning! Is my kettle shipped?";
        assert_eq!(content(t), t);
    }

    #[test]
    fn keeps_requests_that_follow_the_greeting_word() {
        // "Hi can you ..." has no addressee: the words after "hi" are the request
        assert_eq!(
            content("Hi can you get me a real person"),
            "Hi can you get me a real person"
        );
        assert_eq!(
            content("Hey I want to speak to an agent"),
            "Hey I want to speak to an agent"
        );
        assert_eq!(
            content("Hi I want a human\nnow please"),
            "Hi I want a human\nnow please"
        );
        assert_eq!(content("Hello,\ncan you help?"), "can you help?");
    }

    #[test]
    fn a_closing_with_the_name_on_its_line() {
        let t = "Please change the size to a 10.\nThanks, Isabella";
        assert_eq!(content(t), "Please change the size to a 10.");
        // lower-case words after "thanks," are a request, not a name
        let t = "Please change the size to a 10.\nThanks, cancel the other one";
        assert_eq!(content(t), t);
    }

    #[test]
    fn a_thread_keeps_its_subject_without_reply_prefixes() {
        assert_eq!(subject_line("Re: RE: Fwd: laptop return"), "laptop return");
        assert_eq!(subject_line("Return"), "Return");
        let t = thread_text(
            Some("Re: laptop return"),
            &[
                "Hi,\nplease return the laptop.\nThanks,\nAna",
                "Yes, please go ahead.",
            ],
        );
        assert_eq!(
            t,
            "laptop return\nplease return the laptop.\nYes, please go ahead."
        );
        assert_eq!(routed_text(None, "Hello,\nwhere is it?"), "where is it?");
    }

    #[test]
    fn a_reply_subject_in_the_shops_voice_and_an_addressee_alone_are_left_out() {
        assert_eq!(
            routed_text(
                Some("Re: Your message to our support team"),
                "Please cancel my order."
            ),
            "Please cancel my order."
        );
        // the customer's own subject on a reply stays
        assert_eq!(
            routed_text(Some("Re: your order"), "Please cancel it."),
            "Please cancel it."
        );
        assert_eq!(
            routed_text(Some("Re: laptop return"), "Please cancel it."),
            "laptop return\nPlease cancel it."
        );
        // not a reply: the customer wrote it
        assert_eq!(
            routed_text(Some("Your shop sent the wrong size"), "Please swap it."),
            "Your shop sent the wrong size\nPlease swap it."
        );
        assert_eq!(
            content("Support team -\n\nI have two pending orders."),
            "I have two pending orders."
        );
        assert_eq!(
            content("Customer service,\nplease cancel my order."),
            "please cancel my order."
        );
        // a request to a team on its line is kept
        let t = "Support team, I want a person.";
        assert_eq!(content(t), t);
    }

    #[test]
    fn keeps_a_message_that_is_only_a_greeting_or_has_none() {
        assert_eq!(content("Hello!"), "Hello!");
        assert_eq!(content("  thanks  "), "thanks");
        let t = "My order never came. I want a refund.";
        assert_eq!(content(t), t);
    }

    #[test]
    fn a_closing_word_inside_the_text_is_not_a_signature() {
        let t = "Thanks for the quick reply.\nCan you also change the address of my other order?";
        assert_eq!(content(t), t);
        // a long line after "thanks" is content, not a name
        let t = "Cancel #W1234567.\nThanks\nand please refund it to my gift card as well.";
        assert_eq!(content(t), t);
    }
}
