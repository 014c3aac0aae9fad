//! Which payment method pays or receives money.

use std::sync::LazyLock;

use frontdesk_intent::entities::extract_payment_methods;
use regex::Regex;

use crate::format::money;
use crate::requests::extract;
use crate::text::{payment_ids, re, sentences};

use super::context::Ctx;
use super::Resolution;

static NOT_THIS_METHOD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?:instead of|rather than)(?: (?:to|on|with|via|through|using|onto))?|from|not(?: (?:on|to|onto|with|via|through|using))?|than|originally|paid (?:for )?(?:with|by|using|via|on)|went (?:on|onto|through|to)|paying for\b[^.!?]{0,60}?\b(?:with|by|on|using)|(?:got|was|is|been|were|are)\s+(?:charged|billed|put)\s+(?:to|on)|bought (?:it )?(?:with|on)|(?:isn'?t|is not|not|won'?t be|never)\s+enough\s+(?:money\s+|balance\s+|credit\s+|funds\s+)?(?:left\s+)?(?:on|in)|(?:it|that|this|the order|the payment|the charge|which)\s*(?:is|was|'s|isn'?t|wasn'?t|is not|was not)\s+(?:currently\s+|still\s+|now\s+|presently\s+)?(?:on|with|through|via)|(?:don'?t|do not|no longer) want (?:it |this |that |them |the order |the charge |the payment )?(?:on|charged to|paid (?:with|by|on)|billed to|to stay on|on)|take(?: off)?|remove|get (?:it )?off|off|(?:rather |want to |would like to |'d like to )?(?:keep|save|hold on to|preserve)(?: using)?|(?:not|never|don'?t|do not)\s+(?:want\s+to\s+|like\s+to\s+)?(?:use(?:\s+up)?|spend|drain|touch|burn through|tap into)(?:\s+any\s+of)?|(?:don'?t|do not|never) (?:put|charge|refund|send|use|bill)(?: it| that| them| this| anything| any of it)?(?: on| to| back to| onto| via)?)\s+(?:my |the |a |your |that )?$",
    )
});
/// A payment moved from one method to another: its "from" names the old one.
static MOVED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:switch|switching|change|changing|move|moving|transfer|swap)\b"));
/// What follows a payment method taken off the order: "(take the gift card) off", "(the
/// gift card) barely has anything left", "(so the gift card) money stays free", "(leave the
/// gift card) balance alone".
static TAKEN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:off\b|(?:barely|hardly) has\b|has (?:barely|hardly|almost) (?:anything|nothing)\b|(?:money|balance|credit|funds)?\s*(?:stays?|remains?|is kept|can stay)\s+(?:free|untouched|available|unused|for (?:later|something else|another))|(?:balance\s+|money\s+)?alone\b)",
    )
});
/// "(the order) is on (my Mastercard) right now": the method it is paid with now, said with
/// the time ([`FOR_NOW`]) that sets it against the one wanted.
static IS_ON: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:is|are|sits|sit)\s+(?:on|with|through)\s+(?:my |the |a |your |that )?$")
});
static FOR_NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:card\s+|account\s+)?(?:right now|at the moment|currently|for now|at present|as (?:of )?now|as things stand)\b",
    )
});
/// What follows a payment method that cannot pay: "doesn't have enough left", "won't cover
/// it", "is empty", "ran out".
static CANNOT_PAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:\w+\s+){0,2}?(?:(?:doesn'?t|does not|won'?t|will not|can'?t|cannot|isn'?t|is not)\s+(?:have\s+)?(?:enough|cover|be enough)|(?:is|'s)\s+(?:(?:basically|almost|nearly|pretty much|practically|all but|just about)\s+)?(?:empty|used up|maxed out|expired|drained|spent)|ran out|has (?:no|too little) (?:balance|money|credit)|(?:only|just|barely)\s+(?:has|had|got)|(?:has|had|'s got|got)\s+(?:only\s+|just\s+)?(?:(?:very\s+)?little|a\s+(?:few|couple(?:\s+of)?)\s+(?:dollars|bucks)|next to nothing|almost nothing|hardly anything|barely anything|not much)|(?:is|'s)\s+(?:running\s+)?(?:low|nearly out|almost out|running out)|is down to)\b",
    )
});

/// The order's own payment method, named by how it was used: "the card I used for that
/// order", "the same card I paid with", "the original payment method".
pub(crate) static ORIGINAL_REF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:the\s+)?(?:same\s+)?(?:card|method|payment method|account)\s+(?:that\s+)?i\s+(?:used|paid with|paid|bought (?:it|them) with|ordered with)|original (?:payment(?: method)?|card|method|form of payment)|(?:the\s+)?same\s+(?:card|method|way)\s+(?:that\s+)?i\s+paid|where (?:it|the money) came from|(?:card|method|account)\s+(?:that\s+|the\s+|this\s+)?(?:order|it|they)\s+(?:was|were)\s+(?:paid|bought|purchased)\s+(?:with|by|on)|(?:card|method)\s+(?:used\s+)?(?:for|on)\s+(?:that|the|this)\s+order)\b",
    )
});
/// Whether `text` asks for the order's own payment method ([`ORIGINAL_REF`]), not away from
/// it ("to my gift card, not the card I paid with", "paid with my Mastercard, not with the
/// gift card I used").
pub(crate) fn asks_original(text: &str) -> bool {
    static NOT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:not|never|rather than|instead of|than|n't|no)\s+(?:(?:to|on|onto|back to|with|by|via|using|through)\s+)?(?:the\s+|my\s+)?(?:gift\s+|credit\s+|debit\s+)?$",
        )
    });
    ORIGINAL_REF
        .find_iter(text)
        .any(|m| !NOT_BEFORE.is_match(&text[..m.start()]))
}

/// "take the extra cost from my gift card", "charge the difference from PayPal": a method
/// after "from" that pays, not one the payment moves away from.
static PAID_FROM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:take|taking|pay|paying|charge|charging|deduct|deducting|cover|covering|bill|withdraw|debit)\b[^.;,]{0,40}\bfrom\s+(?:my |the |a |your |that )?$",
    )
});
/// "extra cost from my gift card", "difference from PayPal": a sum of money, then "from" the
/// method, with no verb (as in a list line or a note); the method pays it.
static COST_FROM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:extra|additional)\s+(?:costs?|charges?|amount|money|payment)|(?:price\s+)?difference|any\s+extra|the\s+extra|top[- ]?up)\s+(?:is\s+|to\s+come\s+)?from\s+(?:my |the |a |your |that )?$",
    )
});
/// "Any difference can come off my gift card", "it can come out of my PayPal": a method the
/// money comes from, which "off" alone would read as one taken off the order.
static COMES_OFF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:come|comes|coming|be taken|be deducted|be paid)\s+(?:off|out of|from)\s+(?:my |the |a |your |that )?$",
    )
});
/// "I'd rather it was charged to my Visa", "I'd prefer it to be billed to", "I'd rather it was
/// paid from PayPal": where the customer wants the charge, not where it was.
static WISHED_ON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:rather|prefer|wish|want|like)\s+(?:(?:it|that|them|this|the (?:order|payment|charge))\s+)?(?:to be|was|were|be|is|got)\s+(?:(?:charged|billed|put)\s+(?:to|on|onto)|paid\s+(?:with|by|from|on|via|through|using))\s+(?:my |the |a |your |that )?$",
    )
});

/// Whether a payment method after `before` is one to pay with: not one the text moves away
/// from ("instead of the", "was charged to my"), unless a paying "from" ("take the extra
/// cost from my"), a wish ("I'd rather it was charged to my") or where it comes from ("can
/// come off my") says it pays.
fn pays(before: &str) -> bool {
    // "any difference goes to/from PayPal": both ways, the method to use
    static TO_OR_FROM: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:to\s*(?:/|or|and)\s*from|from\s*(?:/|or|and)\s*to)\s+(?:my |the |a |your |that )?$",
        )
    });
    !NOT_THIS_METHOD.is_match(before)
        || TO_OR_FROM.is_match(before)
        || PAID_FROM
            .find(before)
            .is_some_and(|m| !MOVED.is_match(m.as_str()))
        || WISHED_ON.is_match(before)
        || COMES_OFF.is_match(before)
        || COST_FROM.is_match(before)
}

/// ", so refund it there", "so put the money back on it": after a method named as the one
/// paid with, the refund goes to it.
static BACK_THERE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*[,;-]?\s*(?:so|and)?\s*(?:please\s+)?(?:refund|put|send|credit|pay)\s+(?:it|the money|the refund|that|them)?\s*(?:back\s+)?(?:there|to it|onto it|on it|into it|to that(?:\s+one)?)\b",
    )
});

/// Whose a payment method is, when it is someone else's: "her store gift card", "my
/// friend's card", "Priya's PayPal".
static ANOTHERS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:her|his|their|(?:my\s+)?(?:friend|wife|husband|mom|mum|dad|mother|father|sister|brother|son|daughter|partner|boyfriend|girlfriend|roommate|colleague|boss|neighbou?r|cousin|aunt|uncle)'s|(?P<name>[a-z]+)'s)\s+(?:own\s+|store\s+|new\s+|other\s+)?$",
    )
});

/// Whether one of the payment methods `ents` found in `text` is named as someone else's
/// ([`ANOTHERS`]): the store pays back only to methods on the customer's own account.
fn anothers(text: &str, ents: &[frontdesk_intent::Entity]) -> bool {
    ents.iter().any(|e| {
        ANOTHERS.captures(&text[..e.start]).is_some_and(|c| {
            c.name("name").is_none_or(|n| {
                !matches!(
                    n.as_str().to_lowercase().as_str(),
                    "it" | "that" | "store" | "shop" | "site" | "account" | "today" | "one"
                )
            })
        })
    })
}

pub(crate) static STORE_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:store|website|site|shop|account) credit\b"));

/// Whether a payment method entity's value ("gift_card", "paypal", "credit_card",
/// "card_brand:visa", "card_last_four:1234") names the payment method `m` of the user record.
pub(crate) fn names_method(value: &str, m: &serde_json::Value) -> bool {
    let source = crate::customer::s(m, "source");
    match value {
        "gift_card" | "paypal" | "credit_card" => source == value,
        _ => {
            if let Some(b) = value.strip_prefix("card_brand:") {
                source == "credit_card" && crate::customer::s(m, "brand").to_lowercase() == b
            } else if let Some(d) = value.strip_prefix("card_last_four:") {
                crate::customer::s(m, "last_four") == d
            } else {
                false
            }
        }
    }
}

impl Ctx<'_> {
    /// A payment method the customer names in the clause, else after it, else in a sentence
    /// of the ticket that asks for nothing else ("... And return the kettle. Gift card for
    /// both, please."): a method named there is never replaced by the default, and two named
    /// there are asked about. (A method in another request's clause is that request's.)
    pub(super) fn named_method(&self) -> Result<Option<String>, Resolution> {
        let free: Vec<String> = sentences(self.full_text)
            .into_iter()
            .filter(|s| extract(s, self.procedures).is_empty())
            .collect();
        let free = free.join(" ");
        let mut scopes = vec![self.req.clause.as_str(), self.req.after.as_str()];
        if self.req.alone {
            scopes.push(self.full_text);
        }
        scopes.push(&free);
        let options = || {
            self.customer
                .payment_methods()
                .iter()
                .map(|(id, _)| self.customer.payment_label(id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for text in scopes {
            if asks_original(text) && payment_ids(text).len() <= 1 {
                if let Some(original) = self.original() {
                    return Ok(Some(original));
                }
            }
            let mut ents = Vec::new();
            extract_payment_methods(text, &mut ents);
            if self.procedures.names_unsupported_payment(text) || anothers(text, &ents) {
                return Err(Resolution::ask(format!(
                    "I can only use the payment methods on your account ({}). Which one should I use?",
                    options()
                )));
            }
            let mut ids: Vec<String> = payment_ids(text)
                .into_iter()
                .filter(|id| self.customer.has_payment(id))
                .collect();
            ids.dedup();
            if ids.len() == 1 || (text == self.req.clause && !ids.is_empty()) {
                return Ok(Some(ids[0].clone()));
            }
            // "to PayPal instead of the credit card": the card is what to move away from
            // ("I paid with PayPal, so refund it there": the method paid with is where the
            // refund goes)
            ents.retain(|e| {
                pays(&text[..e.start]) || BACK_THERE.is_match(text.get(e.end..).unwrap_or_default())
            });
            // "my gift card doesn't have enough left on it, so charge my PayPal": the card
            // cannot pay
            ents.retain(|e| !CANNOT_PAY.is_match(text.get(e.end..).unwrap_or_default()));
            // "take the gift card off and charge my Visa": what comes off pays nothing
            ents.retain(|e| !TAKEN_OFF.is_match(text.get(e.end..).unwrap_or_default()));
            // "the order with the chair is on my Mastercard right now": where it is now
            ents.retain(|e| {
                !(IS_ON.is_match(&text[..e.start])
                    && FOR_NOW.is_match(text.get(e.end..).unwrap_or_default()))
            });
            if STORE_CREDIT.is_match(text) {
                ents.push(frontdesk_intent::Entity {
                    kind: frontdesk_intent::EntityKind::PaymentMethod,
                    value: "gift_card".to_owned(),
                    start: 0,
                    end: 0,
                });
            }
            if ents.is_empty() {
                continue;
            }
            let methods = self.customer.payment_methods();
            let mut fits: Vec<String> = Vec::new();
            for (id, m) in &methods {
                if ents.iter().all(|e| names_method(&e.value, m)) {
                    fits.push(id.clone());
                }
            }
            match fits.len() {
                1 => return Ok(Some(fits[0].clone())),
                0 => {
                    if let Some(other) = self.beside_original(text, &ents, &methods) {
                        return Ok(Some(other));
                    }
                    return Err(Resolution::ask(format!(
                        "I could not find that payment method on your account; the ones on file are {}. Which one should I use?",
                        options()
                    )));
                }
                _ => {
                    return Err(Resolution::ask(format!(
                        "Which of your payment methods do you mean: {}?",
                        fits.iter()
                            .map(|f| self.customer.payment_label(f))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
        }
        Ok(None)
    }

    /// "I paid for it with my gift card ... please move that order over to my Mastercard
    /// ending 3744": where no one method is all the text names, the one the order was paid
    /// with, said as paid with or as staying ("I paid with", "it went on", "leave the other
    /// one on PayPal"), is where the money was, and the
    /// other is the one meant, if exactly one method on file is all the rest names and none
    /// of the rest is said not to be used ("not my Visa").
    fn beside_original(
        &self,
        text: &str,
        ents: &[frontdesk_intent::Entity],
        methods: &[(String, serde_json::Value)],
    ) -> Option<String> {
        static PAID_WITH: LazyLock<Regex> = LazyLock::new(|| {
            re(
                r"(?i)\b(?:paid|bought|purchased|ordered|went|was|were|leave|keep|stays?|remains?)\b[^.;!?]{0,30}\b(?:with|on|using|by|via|through)\s+(?:my\s+|the\s+|a\s+)?(?:[\w-]+\s+){0,2}$",
            )
        });
        static NOT_THIS: LazyLock<Regex> = LazyLock::new(|| {
            re(
                r"(?i)\b(?:not|never|instead of|rather than|in place of|other than|except)\b[^.;!?]{0,20}$",
            )
        });
        let original = self.original()?;
        let (_, paid_with) = methods.iter().find(|(id, _)| *id == original)?;
        let (was, rest): (
            Vec<&frontdesk_intent::Entity>,
            Vec<&frontdesk_intent::Entity>,
        ) = ents.iter().partition(|e| names_method(&e.value, paid_with));
        if rest.is_empty() || was.is_empty() {
            return None;
        }
        let said_paid = |e: &frontdesk_intent::Entity| {
            text.get(..e.start)
                .is_some_and(|before| PAID_WITH.is_match(before))
        };
        let negated = |e: &frontdesk_intent::Entity| {
            text.get(..e.start)
                .is_some_and(|before| NOT_THIS.is_match(before))
        };
        if !was.iter().all(|e| said_paid(e)) || rest.iter().any(|e| negated(e)) {
            return None;
        }
        let fits: Vec<&String> = methods
            .iter()
            .filter(|(id, m)| *id != original && rest.iter().all(|e| names_method(&e.value, m)))
            .map(|(id, _)| id)
            .collect();
        match fits.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    pub(super) fn original(&self) -> Option<String> {
        self.customer
            .original_payment(self.order_id)
            .filter(|p| self.customer.has_payment(p))
    }

    pub(super) fn refund_method(&self) -> Result<String, Resolution> {
        let original = self.original();
        let ask = || {
            Resolution::ask(format!(
                "A refund for order {} can go to the original payment method{} or to a gift card. Which would you like?",
                self.order_id,
                original
                    .as_ref()
                    .map(|o| format!(" ({})", self.customer.payment_label(o)))
                    .unwrap_or_default()
            ))
        };
        match self.named_method()? {
            Some(m) if Some(&m) == original.as_ref() || m.starts_with("gift_card") => Ok(m),
            Some(_) => Err(ask()),
            None if self.procedures.defaults.refund_destination == "original" => {
                original.clone().ok_or_else(ask)
            }
            None => Err(ask()),
        }
    }

    pub(super) fn difference_method(&self, diff: f64) -> Result<String, Resolution> {
        let m = match self.named_method()? {
            Some(m) => m,
            None if self.procedures.defaults.difference_payment == "original" => {
                match self.original() {
                    Some(o) => o,
                    None => {
                        return Err(Resolution::ask(
                            "Which payment method should pay or receive the price difference?",
                        ))
                    }
                }
            }
            None => {
                return Err(Resolution::ask(
                    "Which payment method should pay or receive the price difference?",
                ))
            }
        };
        if let Some(balance) = self.customer.gift_balance(&m) {
            if balance < diff {
                return Err(Resolution::Refuse(format!(
                    "Your gift card balance ({}) does not cover the price difference of {}, so I could not make that change; another payment method can be used.",
                    money(balance),
                    money(diff)
                )));
            }
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_anothers_method(text: &str) -> bool {
        let mut ents = Vec::new();
        extract_payment_methods(text, &mut ents);
        anothers(text, &ents)
    }

    #[test]
    fn a_method_that_is_someone_elses_is_never_used() {
        for text in [
            "put the refund on her store gift card, number GC-4471-8820-3396",
            "refund it to my friend's credit card please",
            "send it to Priya's PayPal",
        ] {
            assert!(names_anothers_method(text), "{text}");
        }
        for text in [
            "put it on my gift card",
            "the store's gift card balance is fine",
            "refund to my own PayPal",
        ] {
            assert!(!names_anothers_method(text), "{text}");
        }
    }

    #[test]
    fn not_on_a_method_moves_away_from_it() {
        assert!(!pays("please put it on my Visa card. Not on the "));
        assert!(pays("please put it on the "));
    }

    #[test]
    fn the_method_paid_with_is_where_the_refund_goes_when_it_is_sent_there() {
        assert!(BACK_THERE.is_match(", so refund it there."));
        assert!(BACK_THERE.is_match(" so please put the money back on it"));
        assert!(!BACK_THERE.is_match(", but refund it to my gift card"));
    }

    #[test]
    fn the_original_method_is_asked_for_unless_it_is_turned_down() {
        assert!(asks_original("Refund it to the card I paid with."));
        assert!(asks_original("the original payment method please"));
        assert!(!asks_original(
            "Could the refund go onto my gift card please, not the card I paid with?"
        ));
        assert!(!asks_original("gift card rather than the original card"));
    }

    #[test]
    fn a_method_after_a_paying_from_pays() {
        let keeps = pays;
        assert!(keeps("Take the extra cost from my "));
        assert!(keeps(
            "Change the kettle to glass and charge the difference from my "
        ));
        assert!(keeps("please pay it "));
        assert!(!keeps("Switch the payment from my "));
        assert!(!keeps("I want to pay with PayPal instead of the "));
        assert!(!keeps("move it to my Mastercard, I'd rather keep the "));
        assert!(!keeps("The watch is paid for with my "));
        assert!(!keeps("I'd rather not use up my "));
        assert!(!keeps("Refund it to my gift card rather than to "));
        // what it was charged to is what it moves away from; "charge it to" is where it goes
        assert!(!keeps("my speaker order got charged to my "));
        assert!(keeps("please charge it to my "));
        assert!(keeps(
            "I paid with my gift card. I'd rather it was charged to my "
        ));
        assert!(keeps("I'd prefer it to be billed to the "));
        assert!(keeps("I'd just rather it was paid from "));
        assert!(keeps("Any difference can come off my "));
        assert!(keeps("the extra can come out of my "));
        // a sum of money "from" a method, with no verb, is paid by it
        assert!(keeps("laptop stays as is. extra cost from my "));
        assert!(keeps("Difference from the "));
        assert!(!keeps("the extra cost was paid from my "));
        assert!(!keeps("There isn't enough left on my "));
        // where the order is paid now is what the change moves away from
        assert!(!keeps("At present it is on my "));
        assert!(!keeps("it's currently on the "));
        assert!(!keeps("I'd rather it wasn't on my "));
        assert!(!keeps("It was paid from my "));
        assert!(!keeps("Put it on the Visa instead of on "));
        assert!(!keeps("I don't want to spend the "));
        assert!(!keeps(
            "Money owed goes on my Visa, please don't put it on the "
        ));
    }

    #[test]
    fn the_method_paid_with_named_as_the_one_to_leave_is_not_asked_for() {
        assert!(!asks_original(
            "I'd rather that order were paid with my Mastercard, not with the gift card I used"
        ));
        assert!(asks_original("refund it to the card I used, please"));
    }

    #[test]
    fn a_method_that_cannot_pay_is_recognised() {
        for after in [
            " doesn't have enough left on it, so charge my PayPal",
            " won't cover it",
            " is empty",
            "'s basically empty, so please take it off and charge my Visa",
            " is almost used up",
            " has no balance left",
            " is running low, so my Mastercard please",
            " has barely anything on it",
            " just has a couple of dollars, put it on PayPal",
        ] {
            assert!(CANNOT_PAY.is_match(after), "{after}");
        }
        for after in [
            ", please",
            " is fine",
            " (the one ending in 1111)",
            " has plenty on it",
            " has $80 on it",
        ] {
            assert!(!CANNOT_PAY.is_match(after), "{after}");
        }
    }
}
