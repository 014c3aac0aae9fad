//! Identities claimed in the text: e-mail addresses, names ("I'm ...", "my name is ...",
//! "on behalf of ..."), zip codes ("zip code 80218", "I am X in 19122"). A claim never
//! authenticates anyone; [`Claims::conflict`] says whether it contradicts the verified account.
//! An e-mail address the pipeline replaced by a token (`⟦email:…⟧`) is claimed as the
//! token: looked up through the executor, which reveals it, and compared with the account
//! once revealed ([`Claims::reveal_with`]).

use std::sync::LazyLock;

use frontdesk_intent::entities::{extract_emails, extract_name_phrases};
use frontdesk_intent::{extract_entities, Catalog, EntityKind};
use regex::Regex;

use crate::customer::{s, Customer};
use crate::text::re;

static ZIP_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:zip(?:\s*code)?|postal\s*code|post\s*code)\b[\s:#-]*(?:is\s+|of\s+)?(\d{5})\b")
});
static NAME_IN_ZIP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:I'm|I am|[Tt]his is)\s+[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2}\s+(?:in|from|at)\s+(\d{5})\b",
    )
});
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:[Oo]n behalf of|[Ww]riting for|[Aa]cting for|[Aa]sking for|(?i:my) (?i:wife|husband|partner|spouse|son|daughter|mother|mom|mum|father|dad|friend|brother|sister|boss|colleague|neighbou?r|roommate|client)(?:'s)?,?)\s+(?P<name>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2})\b",
    )
});

static CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bi'?m|\bi am|\bmy name is|\bmy name's|\bthis is|\bname:|\bon behalf of|\bwriting for)$",
    )
});

/// Identities the text claims.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claims {
    /// E-mail addresses written in the text.
    pub emails: Vec<String>,
    /// Names the writer gives as theirs, or says they write for.
    pub names: Vec<String>,
    /// Zip codes given as the writer's.
    pub zips: Vec<String>,
}

/// A claim that is not the verified account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The text gives e-mail addresses, none of them the account's.
    Email,
    /// The text gives a name that is not the account holder's.
    Name,
    /// The text gives a zip code that is on none of the account's addresses.
    Zip,
}

impl Conflict {
    /// What was claimed, for the hand-off reason (no personal data in it).
    pub fn what(&self) -> &'static str {
        match self {
            Conflict::Email => "an e-mail address that is not the sender's account",
            Conflict::Name => "a name that is not the sender's account holder",
            Conflict::Zip => "a zip code that is not on the sender's account",
        }
    }
}

/// The identities `text` claims, with the names of `catalog`'s people (the store's customers,
/// when loaded) also recognised after an identity cue when written without capitals.
pub fn claims_in(text: &str, catalog: &Catalog) -> Claims {
    let mut c = claims(text);
    let people = extract_entities(text, catalog, None)
        .into_iter()
        .filter(|e| e.kind == EntityKind::PersonName);
    for p in people {
        let before = text[..p.start].trim_end();
        if CUE.is_match(before) && !c.names.iter().any(|n| n.eq_ignore_ascii_case(&p.value)) {
            c.names.push(p.value);
        }
    }
    c
}

/// The identities `text` claims.
pub fn claims(text: &str) -> Claims {
    let mut entities = Vec::new();
    extract_emails(text, &mut entities);
    let emails = entities
        .iter()
        .map(|e| e.value.to_lowercase())
        .chain(
            frontdesk_types::token::find(text)
                .into_iter()
                .filter(|t| t.kind == "email")
                .map(|t| t.token.to_owned()),
        )
        .collect();
    let mut names = Vec::new();
    extract_name_phrases(text, &mut names);
    let mut names: Vec<String> = names.into_iter().map(|e| e.value).collect();
    names.extend(
        ON_BEHALF
            .captures_iter(text)
            .filter_map(|c| c.name("name").map(|m| m.as_str().to_owned())),
    );
    let zips = ZIP_CLAIM
        .captures_iter(text)
        .chain(NAME_IN_ZIP.captures_iter(text))
        .filter_map(|c| c.get(1).map(|m| m.as_str().to_owned()))
        .collect();
    Claims {
        emails,
        names,
        zips,
    }
}

impl Claims {
    /// Whether the text claims no identity.
    pub fn is_empty(&self) -> bool {
        self.emails.is_empty() && self.names.is_empty() && self.zips.is_empty()
    }

    /// Adds the clear value of each claimed e-mail address that is a token, where `reveal`
    /// knows it (for [`Claims::conflict`]; the claims are not kept). The token stays too:
    /// the executor hands the planner the store's answers with the values this turn
    /// revealed tokenised again, so the account's own address may read as the same token.
    pub fn reveal_with(&mut self, reveal: impl Fn(&str) -> Option<String>) {
        let clear: Vec<String> = self
            .emails
            .iter()
            .filter_map(|e| reveal(e))
            .map(|c| c.to_lowercase())
            .collect();
        self.emails.extend(clear);
    }

    /// The first claim that is not `customer`: e-mail addresses of which none is theirs, a
    /// name whose first and last name both differ from theirs, a zip code on none of their
    /// addresses (the default one and their orders' shipping addresses).
    pub fn conflict(&self, customer: &Customer) -> Option<Conflict> {
        let email = s(&customer.user, "email").to_lowercase();
        if !self.emails.is_empty() && !self.emails.contains(&email) {
            return Some(Conflict::Email);
        }
        let name = customer.user.get("name");
        let first = name.map_or("", |n| s(n, "first_name")).to_lowercase();
        let last = name.map_or("", |n| s(n, "last_name")).to_lowercase();
        let theirs = |claimed: &str| {
            let words: Vec<String> = claimed.split([' ', '-']).map(str::to_lowercase).collect();
            words.first().is_some_and(|w| *w == first) || words.last().is_some_and(|w| *w == last)
        };
        if self.names.iter().any(|n| !theirs(n)) {
            return Some(Conflict::Name);
        }
        let mut zips: Vec<&str> = customer.address_records().map(|a| s(a, "zip")).collect();
        zips.retain(|z| !z.is_empty());
        if self.zips.iter().any(|z| !zips.contains(&z.as_str())) {
            return Some(Conflict::Zip);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::customer;

    #[test]
    fn the_account_holders_own_details_are_no_conflict() {
        let c = claims("I'm Ana Lima, my email is ana.lima@example.com, zip code 80202.");
        assert_eq!(c.names, vec!["Ana Lima"]);
        assert_eq!(c.zips, vec!["80202"]);
        assert_eq!(c.conflict(&customer()), None);
        let c = claims("I am Ana Lima in 80202. I have several addresses: ana@work.example, ana.lima@example.com.");
        assert_eq!(c.conflict(&customer()), None);
    }

    #[test]
    fn a_tokenised_address_is_claimed_and_compared_once_revealed() {
        let token = "⟦email:bcdfghjkmnpq⟧";
        let mut c = claims(&format!("Hi, my email is {token}."));
        assert_eq!(c.emails, vec![token.to_owned()]);
        // unrevealed, it is not the account's address
        assert_eq!(c.conflict(&customer()), Some(Conflict::Email));
        c.reveal_with(|t| (t == token).then(|| "Ana.Lima@example.com".to_owned()));
        assert_eq!(c.conflict(&customer()), None);
        let mut c = claims(&format!("Hi, my email is {token}."));
        c.reveal_with(|_| Some("mohamed.khan@example.com".to_owned()));
        assert_eq!(c.conflict(&customer()), Some(Conflict::Email));
        // the account's address as the store's answer reached the planner: tokenised again
        let mut tokenised = customer();
        std::sync::Arc::make_mut(&mut tokenised.user)["email"] = serde_json::json!(token);
        let mut c = claims(&format!("Hi, my email is {token}."));
        c.reveal_with(|_| Some("ana.lima@example.com".to_owned()));
        assert_eq!(c.conflict(&tokenised), None);
    }

    #[test]
    fn another_persons_details_conflict() {
        let other = |t: &str| claims(t).conflict(&customer());
        assert_eq!(
            other("Hi, I'm Mohamed Khan, my email is mohamed.khan@example.com."),
            Some(Conflict::Email)
        );
        assert_eq!(
            other("This is Mohamed Khan, zip 60651. Cancel my order."),
            Some(Conflict::Name)
        );
        assert_eq!(
            other("Writing on behalf of Mohamed Khan: cancel his order."),
            Some(Conflict::Name)
        );
        assert_eq!(
            other("My wife Ava Moore has an order; please change its address."),
            Some(Conflict::Name)
        );
        assert_eq!(
            other("My zip code is 60651, cancel my pending order."),
            Some(Conflict::Zip)
        );
    }

    #[test]
    fn a_zip_in_a_new_shipping_address_is_not_a_claim() {
        let c = claims("Please ship it to 12 Elm Street, Austin, TX 78701 instead.");
        assert!(c.is_empty(), "{c:?}");
    }
}
