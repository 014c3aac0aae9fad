//! The sign-off block of an e-mail: where it starts (the "-- " delimiter, or a closing such
//! as "Best regards," followed by at most six short lines) and the message without its
//! contact lines (street, city and zip, phone, e-mail), whose words are no request.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;

/// A closing line of an e-mail ("Thanks,", "Best regards", "Cheers!").
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:{})(?: so much)?\s*[,.!]*\s*$",
        frontdesk_intent::letter::CLOSING_WORDS
    ))
});

/// Where the sign-off block of an e-mail starts: the signature delimiter line ("-- "), or a
/// closing line ("Thanks,", "Best regards") with at most six short lines after it (a name,
/// a title, an address, a phone number). `None` when the text has neither.
fn signature_start(text: &str) -> Option<usize> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    if let Some((at, _)) = lines.iter().find(|(_, l)| l.trim_end() == "--") {
        return Some(*at);
    }
    lines.iter().enumerate().rev().find_map(|(i, (at, l))| {
        let after: Vec<&str> = lines[i + 1..]
            .iter()
            .map(|(_, l)| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        (CLOSING.is_match(l) && after.len() <= 6 && after.iter().all(|l| l.len() <= 60))
            .then_some(*at)
    })
}

/// `text` without the contact lines of its sign-off block: the block's opening (the closing
/// or the "--" line), its lines of words (the name, which identity checks read) and a
/// postscript with what follows it ("P.S. also cancel ...") stay;
/// the lines with a number, an e-mail or a web address (street, city and zip, phone) go.
/// Their words are no request: "77 Harbor Road" would be a road bike. Borrowed when there is
/// nothing to drop.
pub fn without_signature_details(text: &str) -> Cow<'_, str> {
    let Some(start) = signature_start(text) else {
        return Cow::Borrowed(text);
    };
    let block = &text[start..];
    let mut kept: Vec<&str> = Vec::new();
    let mut dropped = false;
    let mut seen = 0;
    let mut postscript = false;
    for line in block.split_inclusive('\n') {
        let t = line.trim();
        postscript |= POSTSCRIPT.is_match(t);
        // only contact lines go (a number, an e-mail or web address): a line of words after
        // the name may still ask for something ("Oh, and cancel the other one too")
        let contact = t.chars().any(|c| c.is_ascii_digit())
            || t.contains('@')
            || t.to_lowercase().contains("www.")
            || t.to_lowercase().contains("http");
        if postscript || t.is_empty() || seen < 1 || !contact {
            kept.push(line);
            if !t.is_empty() {
                seen += 1;
            }
        } else {
            dropped = true;
        }
    }
    if !dropped {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("{}{}", &text[..start], kept.concat()))
}

static POSTSCRIPT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^p\.?\s?s\b"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sign_off_block_is_found() {
        let text = "Please cancel #W1000001.\n\nThanks,\nAna Lima\n12 Elm Street\nAustin, TX 78701";
        assert_eq!(signature_start(text), text.find("Thanks,"));
        let text = "Cancel it please\n-- \nAna Lima | 12 Elm Street, Austin, TX 78701";
        assert_eq!(signature_start(text), text.find("-- "));
        // "thanks" inside a sentence is no closing
        assert_eq!(
            signature_start("Thanks for the help, ship it to 1 Oak St."),
            None
        );
    }

    #[test]
    fn a_signature_keeps_its_name_and_postscript_and_drops_its_contact_lines() {
        let text = "Switch the bike to black.\n\nBest regards,\nJuan Martin\n77 Harbor Road, Apt 3\nDenver, CO 80202\nPhone: (512) 555-0188\n\nP.S. Also cancel #W1000002.";
        assert_eq!(
            without_signature_details(text),
            "Switch the bike to black.\n\nBest regards,\nJuan Martin\n\nP.S. Also cancel #W1000002."
        );
        let text = "Cancel it.\n-- \nAna Lima\nSales lead, Acme\nana@acme.example\n";
        assert_eq!(
            without_signature_details(text),
            "Cancel it.\n-- \nAna Lima\nSales lead, Acme\n"
        );
        assert!(matches!(
            without_signature_details("Cancel it.\nThanks,\nAna"),
            Cow::Borrowed(_)
        ));
    }
}
