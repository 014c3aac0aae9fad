//! Liability triggers: a customer who threatens legal action or a regulator complaint, and
//! one who disputes a charge (a chargeback, a claim with the bank or card issuer, a charge
//! they say they never made). A person handles both, never the agent: what the store says
//! or writes next is evidence, and a refund paid while the bank also reverses the charge is
//! paid twice.
//!
//! Like the other signals they are transparent lexicons, so every handoff can be explained
//! by the phrase that fired. They were written from a list of threats and look-alikes
//! (`research/guard/data/legal_dev.jsonl`) and are measured on a set written apart from it
//! (`tests/data/legal_written.jsonl`) and on ordinary tickets (`crates/guard/README.md`,
//! "Legal threats and disputed charges").

use std::sync::LazyLock;

use regex::Regex;

use crate::signals::{plain, re};

/// Legal action, threatened or under way, and complaints to a regulator.
static LEGAL: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        // one's own lawyer, or getting one ("my attorney", "spoken to a solicitor")
        re(
            r"(?i)\b(?:my|our|(?:get|getting|got|hire|hiring|hired|consult|consulted|consulting|retain|retained|call|calling|called|contact|contacted|contacting|involve|involving|involved|speak to|speaking to|spoken to|spoke to|speak with|spoken with|talk to|talked to|talking to|engage|engaged) (?:a|an|my|our))(?: own| family| personal| company's| company)? (?:lawyer|laywer|lawer|attorney|attorny|atorney|solicitor|barrister|counsel|legal (?:team|counsel|representative|advi[sc]er|aid))s?\b",
        ),
        re(
            r"(?i)\b(?:lawyer|attorney|solicitor|legal team)s? (?:will|shall|is going to|are going to|'ll) (?:be in touch|contact|write|hear|follow)",
        ),
        // suing
        re(
            r"(?i)\b(?:to|will|'ll|gonna|going to|intent to|intention to|threaten(?:ed|ing)? to|can|could|might|may|shall) sue\b|\blitigat(?:e|ion)\b|\bsu(?:e|ing|ed) (?:you|your|the (?:company|store|shop|business|seller)|them|this (?:company|store|shop))\b|\b(?:i(?:'ll| will| am going to|'m going to| shall)|we(?:'ll| will| are going to)) sue\b|\bor (?:i'?m|i am) suing\b",
        ),
        re(
            r"(?i)\blaw ?suit|\blegal (?:action|proceedings|steps|measures|options|route|claim|notice|advice|recourse|remed(?:y|ies)|helpline|letter)\b|\b(?:start|begin|issue|initiate|commence|take) (?:court |legal )?proceedings\b",
        ),
        re(
            r"(?i)\b(?:small[- ]claims?|class[- ]action|letter before action|letter of demand|cease and desist)\b",
        ),
        re(
            r"(?i)\b(?:see you in court|(?:through|let) the courts|(?:take|taking|drag|dragging|bring|bringing) (?:you|this|it|the matter|them|your (?:company|store|shop)) (?:to|before) (?:the )?(?:\w+ )?courts?|go(?:ing)? to (?:the )?(?:\w+ )?court|in court\b|(?:county|district|civil|consumer|small claims) court|court (?:case|action|claim|date|filing)|(?:let|have) a judge (?:decide|rule|sort)|in front of (?:a|the) (?:\w+ )?judge)",
        ),
        // regulators and consumer bodies
        re(
            r"(?i)\b(?:better business bureau|bbb|attorney[- ]general|trading standards|ombudsman|consumer (?:protection|affairs|court|forum|helpline|commission|disputes?|council|associations?|organi[sz]ations?|groups?|law|rights (?:act|agency|authority|body|organi[sz]ation))|fair trading|competition and markets authority|european consumer cent(?:re|er)|money claim online|ftc|cfpb|accc|fccpc|procon|profeco|omic|dgccrf|verbraucherzentrale|geschillencommissie|consumentenbond|citizens advice)\b",
        ),
        re(
            r"(?i)\b(?:report(?:ing|ed)?|complain(?:ing|ed)?|fil(?:e|ing|ed) (?:a )?(?:complaint|report)) (?:you |your (?:company|store|shop) |this )?(?:to|with) (?:the )?(?:authorities|regulators?|police|consumer)|\b(?:involve|involving|contact|contacting|inform|informing|alert|notify|go to|going to) (?:the )?(?:relevant |appropriate |proper |local )?(?:authorities|regulators?)\b",
        ),
        // German, French, Spanish
        re(
            r"(?i)\b(?:anwalt|rechtsanwalt|anwältin|klage|gericht|rechtliche schritte|avocat|plainte|tribunal|tribunales|abogad[oa]|demandar|demandaré|denunci\w*|advogad[oa]|juizado|advocaat|avvocat[oa]|giudice)\b",
        ),
    ]
});

/// "my lawyer friend", "my attorney sister": a person, not a threat.
static LAWYER_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:lawyer|attorney|solicitor|barrister)s? (?:friend|brother|sister|mother|father|son|daughter|husband|wife|dad|mum|mom|partner|colleague|cousin|uncle|aunt|neighbou?r)s?\b",
    )
});

/// A chargeback, a dispute with the bank or card issuer, a charge the customer never made.
static DISPUTE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        re(r"(?i)\bcharge[- ]?backs?\b"),
        re(
            r"(?i)\b(?:dispute|disputing|disputed|contest(?:ing|ed)?|reverse|reversing|reversed|stop|stopped|block|blocked|recall|recalling|recalled|freeze|froze|frozen) (?:the |this |that |a |my |your |both |all |these |those |any (?:further )?)?(?:\w+ )?(?:charges?|payments?|transactions?|purchases?|debits?|funds)\b|\bpayment reversal\b|\bclaw (?:it|the money|the payment|that) back\b|\bcharge (?:it|that|this|them) back\b|\brecover the money\b",
        ),
        re(
            r"(?i)\b(?:open(?:ed|ing)?|fil(?:e|ed|ing)|rais(?:e|ed|ing)|start(?:ed|ing)?|lodg(?:e|ed|ing)|submit(?:ted|ting)?) (?:a |an )?(?:dispute|claim|case) (?:with|through|on|via|in) (?:my |the )?(?:bank|card|credit card|paypal|visa|mastercard|amex|american express|issuer|klarna|afterpay|clearpay|affirm|apple|apple pay|google pay)|\b(?:open(?:ed|ing)?|rais(?:e|ed|ing)|fil(?:e|ed|ing)|lodg(?:e|ed|ing)|submit(?:ted|ting)?) (?:a |an )?(?:\w+ ){0,2}dispute\b|\bdispute (?:raised|opened|submitted|filed|lodged)\b|\b(?:buyer protection|chargeback|paypal|klarna|afterpay|apple pay|bank) (?:claim|case|dispute)\b|\bclaim (?:opened|filed|raised|submitted) with (?:my |the )?(?:bank|paypal|apple|klarna|afterpay|card)",
        ),
        re(
            r"(?i)\b(?:call(?:ing)?|contact(?:ing|ed)?|ring(?:ing)?|phon(?:e|ing|ed)|go(?:ing)? to|went to|told|tell(?:ing)?|report(?:ed|ing)? (?:it|this|the charge|them|you) to) (?:my |the )?(?:bank|credit card company|card (?:company|issuer|provider)|card issuer|issuer|visa|mastercard|amex|american express|paypal) (?:to (?:dispute|reverse|stop|block|cancel the (?:payment|charge)|get (?:my|the) money back|report|claim)|and (?:dispute|reverse|report|get my money back|have (?:it|the charge|the payment) reversed)|about (?:this|the|your) (?:charge|payment|transaction)|as (?:fraud|unauthori[sz]ed))",
        ),
        re(
            r"(?i)\b(?:never|didn'?t|did not|don'?t|do not) (?:authori[sz]e|make|place|recogni[sz]e|order)d? (?:this|that|the|these|those|a|any) (?:charge|payment|transaction|purchase|order)s?\b",
        ),
        re(
            r"(?i)\b(?:charges?|orders?|transactions?|payments?|purchases?) .{0,40}\b(?:i|we) (?:didn'?t|did not|never|dont|don'?t|do not|have not|haven'?t) (?:make|made|authori[sz]e|recogni[sz]e|place|placed|done|do)\b",
        ),
        re(
            r"(?i)\b(?:told|informed|notified|alerted|reported (?:it|this|the charge|the payment|them|you)? ?to|raised it with|rung|rang) (?:my |the |her |his |our )?(?:bank|credit card company|card (?:company|provider|issuer)|card issuer|issuer|credit union)\b|\b(?:have|get|getting|let|make|asking|asked|instructed) (?:my |the )?(?:bank|card company|card provider|credit card company|card issuer|issuer|credit union) (?:to )?(?:refund|reverse|recover|claw|sort|handle|stop|block|charge|raise|dispute)|\b(?:card company|card provider|credit card company|card issuer)(?:'s| has| is) got (?:it|this)\b|\b(?:through|via) (?:my |the )?(?:bank|paypal|card company|credit card company|klarna) to get (?:my|the) money back\b|\bfraud alert\b|\bscam (?:purchase|charge|transaction)\b",
        ),
        re(
            r"(?i)\b(?:unauthori[sz]ed|fraudulent) (?:charge|payment|transaction|purchase|order|use)s?\b",
        ),
        re(
            r"(?i)\b(?:someone|somebody|some one) (?:has |had |must have |may have )?(?:been using|is using|used|stolen|stole|hacked|got hold of|gotten hold of|taken|took) my (?:gift card|credit card|debit card|card|account|paypal|login|password|details|card details|card number)|\b(?:someone|somebody)\b[^.!?]{0,60}\b(?:in my name|got into (?:my|our) account|using my a\w*count)|\b(?:my|our|her|his) (?:\w+ )?(?:account|e-?mail|password|card)\b[^.!?]{0,20}\b(?:was|were|has been|have been|got|is) (?:hacked|compromised|broken into|changed without)|\b(?:account|compte)\b[^.!?]{0,30}\b(?:hacked|piraté|gehackt|hackeado|hackerato)\b|\bwithout (?:my|her|his|their|our) (?:knowledge|permission|consent|authori[sz]ation)\b|\b(?:wasn'?t|was not) me\b|\b(?:order|purchase|charge|transaction)s? (?:wasn'?t|was not|isn'?t|is not) (?:placed |made )?(?:by )?(?:me|mine)\b|\bnot my order\b",
        ),
        re(r"(?i)\bfraud (?:team|department|dept|unit|investigation|investigators?)\b"),
        re(
            r"(?i)\breport(?:ed|ing)? (?:it|this|the charge|the payment|you|them) (?:to \w+ )?as (?:fraud|a scam|unauthori[sz]ed)|\b(?:told|tell|telling) (?:them|the bank|my bank) (?:it|that|the charge)[^.!?]{0,30}\bwas fraud\b|\b(?:charge|payment|transaction)s? (?:as|is|was) (?:being )?(?:investigated|treated) as (?:unauthori[sz]ed|fraud)|\b(?:zurückbuch\w*|rückbuchung|terugboek\w*|teruggeboekt|opposition au paiement|stornare l'addebito|contestei)\b|\b(?:nicht aufgegeben|pas été passée par moi|não fui eu|no fui yo)\b",
        ),
    ]
});

/// `true` when the customer threatens legal action or a complaint to a regulator (a
/// lawyer, a suit, small claims, court, the Better Business Bureau, an attorney general).
pub fn threatens_legal_action(text: &str) -> bool {
    let text = plain(text);
    let text = LAWYER_RELATIVE.replace_all(&text, "");
    LEGAL.iter().any(|r| r.is_match(&text))
}

/// `true` when the customer disputes a charge: a chargeback, a dispute with the bank, card
/// issuer or PayPal, a charge or order they say they never made, someone using their card.
pub fn disputes_charge(text: &str) -> bool {
    let text = plain(text);
    DISPUTE.iter().any(|r| r.is_match(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threats_of_legal_action_are_recognised() {
        for text in [
            "If this isn't sorted by Monday my lawyer will be in touch.",
            "I have already drafted the small-claims form and will file it on Friday.",
            "I'm reporting you to the Better Business Bureau.",
            "Refund me or I'm suing.",
            "We will pursue this through the courts if necessary.",
            "Ich werde meinen Anwalt einschalten.",
            "I\u{2019}ll see you in court.",
            "I will not hesitate to involve the relevant authorities.",
            "Ich behalte mir rechtliche Schritte vor.",
        ] {
            assert!(threatens_legal_action(text), "{text}");
        }
    }

    #[test]
    fn look_alikes_are_no_threat() {
        for text in [
            "I'm buying a briefcase for my lawyer brother, can you change it to black?",
            "I work as an attorney and need the laptop before Monday.",
            "Court shoes in size 6 please instead of the trainers.",
            "My friend Sue recommended your store.",
            "Is the legal pad paper in stock?",
            "I want to claim the warranty on my blender.",
        ] {
            assert!(!threatens_legal_action(text), "{text}");
            assert!(!disputes_charge(text), "{text}");
        }
    }

    #[test]
    fn disputed_charges_are_recognised() {
        for text in [
            "I've filed a chargeback with Visa.",
            "I'm going to dispute the charge with my bank.",
            "there's a charge from you on my statement i didnt make",
            "I think someone got hold of my gift card number and has been using it.",
            "I reported the charge to my credit card company as fraud.",
            "I've opened a Klarna dispute because the refund never came.",
            "This order wasn't placed by me, my account was hacked.",
            "If the refund isn't here by Friday I'm getting my bank to claw it back.",
        ] {
            assert!(disputes_charge(text), "{text}");
        }
    }

    #[test]
    fn billing_questions_are_no_dispute() {
        for text in [
            "You charged me twice for the same order, can you check?",
            "My bank statement shows the refund arrived, thanks!",
            "Please change the payment to my Visa.",
            "The charging cable is missing from the box.",
        ] {
            assert!(!disputes_charge(text), "{text}");
        }
    }
}
