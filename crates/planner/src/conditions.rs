//! Conditions written around a request, and which of them the planner can evaluate.
//!
//! - "If it is not available, cancel the whole order": a fallback, planned only when the
//!   request before it cannot be met ([`Condition::IfUnavailable`]); "otherwise ..." likewise.
//! - "Only if it costs less than $50", "if the difference is more than $20, leave it": a bound
//!   on the money the write moves ([`Condition::Price`]).
//! - "If it hasn't shipped yet, ...", "if it has already shipped, never mind": whether the
//!   order has left the warehouse, read from the store ([`Condition::Shipped`]).
//! - "If the agent asks for confirmation, ...": every write here is confirmed first, so the
//!   condition holds and what follows is read as said ([`strip_agent_conditions`]).
//! - Courtesy ("let me know if you need anything") is no condition.
//! - Anything else conditional next to a write is [`Condition::Unmodelled`]: it never becomes
//!   a write by itself.
//!
//! One file (about 530 lines of code and 530 of tests): the condition patterns overlap, and
//! `condition_of` tries them in an order that is the reading itself.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::re;
use crate::ProposedWrite;

/// A condition on a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Only when the request before it cannot be met because what it asks for is not sold.
    IfUnavailable,
    /// Only when what it asks for is sold: "if the bike comes in medium, switch to that".
    IfAvailable,
    /// Only when the request before it is not carried out ("otherwise, cancel it").
    Otherwise,
    /// A bound on the money the write moves.
    Price {
        /// The write goes ahead when the amount is below (else above) `amount`.
        below: bool,
        /// The bound, in dollars.
        amount: f64,
        /// The bound is on the price difference, not on the new item's price.
        difference: bool,
    },
    /// A condition on something this agent never does (coupons, price matching, a
    /// supervisor, unsubscribing): it is known how it turns out. `applies` says whether the
    /// request stands ("if they can't give me a coupon, cancel it": it does; "if they can
    /// match the price, I'll keep it": the agent cannot, so a request there does not).
    Outside {
        /// Whether the request stands.
        applies: bool,
    },
    /// The request stands only when its order has (`true`) or has not (`false`) left the
    /// warehouse: "if it hasn't shipped yet, switch the chair to black".
    Shipped(bool),
    /// The customer's own choice as a hypothetical: "what's the difference if I switch my
    /// sunglasses to plastic?". A question, no write by itself: the request stands only where
    /// the message also asks for that kind of change without a condition.
    OwnChoice,
    /// A condition the planner cannot evaluate, as written.
    Unmodelled(String),
}

static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:if|unless|as long as|provided(?: that)?|in case|depending on|otherwise|or else|assuming)\b",
    )
});
/// "if I switch to ...", "if we were to go with ...": the customer's own choice as a
/// hypothetical.
static OWN_HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:if|in case)\s+(?:i|we)\s+(?:were to\s+|was to\s+|decide(?:d)? to\s+|did\s+|do\s+|wanted to\s+|want to\s+)?(?:switch(?:ed)?|swap(?:ped)?|change(?:d)?|exchange(?:d)?|upgrade(?:d)?|downgrade(?:d)?|go (?:with|for)|went (?:with|for)|choose|chose|pick(?:ed)?|move(?:d)?)\b",
    )
});
static COURTESY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:the\s+)?same(?:\s+as\s+(?:before|now|it\s+is|they\s+are|mine))?\s+otherwise|otherwise\s+(?:(?:exactly|just)\s+)?(?:the\s+same|identical|unchanged|as\s+(?:it\s+is|they\s+are|before|now))|(?:let me know|tell me|please advise|wondering|wonder|ask|asks|asked|asking|see|check|know)(?: \w+){0,3} (?:if|whether)|if (?:possible|you don't mind|that's (?:ok|okay|alright|fine|possible)|it's (?:ok|okay|possible|not too much trouble)|needed|necessary|you need|any|so|not already|i remember (?:correctly|right)|i'm not mistaken|i recall)\b|\bif (?:you can|you could|you would)\s*(?:[.,!?;:]|$)|\b(?:grateful|appreciated?(?: it)?|thankful|obliged|glad|happy|great|nice|helpful|lovely|kind(?: of you)?|wonderful|perfect)\s+if (?:you|u) (?:could|would|can|might|told|let|gave|sent|showed|confirmed|explained)\b|\bif (?:you|u) (?:could|would) (?:please|kindly)\b)",
    )
});
static AGENT_IF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:if|when|once)\s+(?:(?:the\s+)?(?:agent|you|they|customer service|support|representative|rep)\s+(?:asks?|requests?|wants?|needs?|confirms?|checks?)|(?:i'?m\s+|i am\s+)?(?:asked|prompted))\b[^,.;]*(?:,|\bthen\b)\s*",
    )
});
static UNAVAILABLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:if|in case)\b[^,.;]{0,60}?(?:\bnot|n't|\bno longer|\bun)\s*(?:available|in stock|possible|exist|offered|sold|come)|\bif (?:there (?:is|are) no|there's no|there(?:'s|\s+is|\s+are)\s+none|none|there(?:'s|\s+is|\s+are)\s*(?:not|n't)|you (?:do not|don't) have|not)\b|\b(?:if|in case)\b[^,.;]{0,60}?\b(?:sold out|out of stock|discontinued)\b|\b(?:if|in case)\b[^,.;]{0,40}?\bthere\s+(?:is|are)\s+(?:not|none)\s*(?:[,;]|$)|\b(?:otherwise|or else|if not)\b",
    )
});
/// "assuming the bookshelf works out", "if that goes through", "provided the first change is
/// possible": a condition on another request of the same message succeeding.
static WORKS_OUT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:and\s+|but\s+)?(?:assuming|if|provided(?: that)?|as long as)\s+(?:that\s+)?(?:the|it|that|this|my|the first|the other)\b[^,.;]{0,40}\b(?:works? out|goes through|go through|is possible|can be (?:done|changed|exchanged|swapped|switched)|is (?:done|changed)|gets changed|happens|works|(?:is|are|'s) (?:okay|ok|fine|alright|all right))\b",
    )
});
/// "if it's cheaper", "if the new one costs more", "should it be more expensive".
/// "if that's not available", "if they aren't in stock", "if not": the head of a second
/// choice, read by the planner's item changes (`slots::target`) and by its check for
/// unread conditions (`offline::implied`).
/// "if red isn't available", "if the M is not in stock", "if the 80% one doesn't come with
/// RGB", "if there isn't an M like that" (up to its comma), "if you don't have that" are
/// heads too.
pub(crate) const IF_UNAVAILABLE: &str = r"\bif (?:(?:that|it|this|they|(?:the |an? )?[\w%-]+(?:\s+[\w%-]+){0,2}?)(?:(?:'s|'re|\s+is|\s+are)?\s*(?:not|n't|un)\s*(?:available|possible|in stock)|(?:'s|'re|\s+is|\s+are)\s+(?:sold out|out of stock)|\s+(?:does|do)(?:n't|\s+not)\s+(?:exist|come\s+(?:with|in)\b[^,;.!?]*,))|there(?:'s|\s+is|\s+are)\s*(?:not|n't|no)\b[^,;.!?]*,|there(?:'s|\s+is|\s+are)\s+none\b|none\b|not\b|you (?:do not|don'?t|dont) have (?:that|it|one|them|those)\b)";

/// A second choice inside the clause of the request it belongs to: the head after a comma,
/// "or", "but" ("change it to M, or if there isn't an M like that, to L"; "... red instead;
/// if red isn't available, make them black"): read with the item change
/// (`slots::target`), no condition on the request.
static INLINE_SECOND_CHOICE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:,|;|\bor\b|\bbut\b)\s*(?:or\s+|but\s+)?{IF_UNAVAILABLE},?\s*(?:then\s+)?(?P<alt>(?:to|make|take|switch|change|exchange|swap|replace|go with|go for|get|use|send|the|an?|just|i'?ll take|i'?d take)\s)"
    ))
});

static DIFFERENCE_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:and\s+|but\s+)?(?:if|in case|should)\s+(?:it|that|the new one|the new ones|they|the difference|the price|the new (?:\w+ ){0,2}?(?:one|ones|model|version))(?:'s|'re|\s+is|\s+are|\s+turns out|\s+ends up|\s+comes out|\s+costs?|\s+be)?\s+(?:to be\s+)?(?:cheaper|less expensive|lower|more expensive|pricier|dearer|higher|more|less)\b",
    )
});
/// "if there is a price difference", "should there be any difference in price", "if there's a
/// refund on the difference": a condition that only says a difference may exist.
static ANY_DIFFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:and\s+|but\s+)?(?:if|in case|should)\s+there(?:'s|\s+is|\s+be|\s+will be|\s+ends up being)\s+(?:(?:a|an|any|some)\s+)?(?:(?:price\s+)?difference(?:\s+(?:of|in)\s+(?:the\s+)?price)?|(?:refund|charge|extra (?:charge|cost)|balance)\s+(?:on|for|of|from)\s+the\s+(?:price\s+)?difference|(?:refund|extra charge|extra cost|extra to pay|balance)(?:\s+(?:due|owed|to pay))?)(?:\s+(?:to pay|to be paid|owed|due|back|to me|either way))?(?:\s*$|\s+(?:(?:please|kindly|then|just)\s+)?(?:use|put|charge|bill|refund|take|pay|send|credit)\b)",
    )
});
/// "If anything comes back to me", "If I get money back", "if I'm owed anything": where money
/// goes when some comes back, no condition on the request.
static MONEY_BACK_IF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:and\s+|but\s+)?(?:if|in case|should|whenever)\s+(?:(?:anything|any money|money|something|any refund|a refund)\s+(?:comes?|is|gets?|goes)\s+(?:back|owed|due|refunded)\b|i\s+(?:get|am owed|'m owed|receive|end up getting|have (?:any )?money coming)\s+(?:any\s+)?(?:money|anything|something|a refund|cash|back)?(?:\s+back)?\b)[^,;]*$",
    )
});
/// "if it isn't, ...", "if they aren't,", "if it doesn't,": a negated condition with its
/// predicate left out.
static ELLIPTIC_NOT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:and\s+|but\s+)?if (?:(?:it|that|they|one) (?:is ?n'?t|is not|are ?n'?t|are not|does ?n'?t|does not|do ?n'?t|do not)|no|nope)\s*[,;:]",
    )
});
/// "if it is, ...", "if they do,", "if yes please ...": the predicate left out.
static ELLIPTIC_YES: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\W*(?:and\s+|but\s+)?if (?:(?:it|that|they|one) (?:is|are|does|do)\s*[,;:]|yes\b)")
});
static OTHERWISE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\W*(?:and\s+|but\s+)?(?:otherwise|or else|if not)\b"));
static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:only if|if|as long as|provided(?: that)?|unless)\b[^.;]{0,50}?\b(?P<cmp>less|cheaper|under|below|lower|no more|not more|more|over|above|higher|pricier|exceeds?)\b(?: than)?\s*\$?\s?(?P<amount>\d+(?:\.\d{1,2})?)",
    )
});
/// "only if it costs the same or less than what I paid", "as long as it's not more
/// expensive", "provided it's cheaper": a bound at no extra cost, with no amount (a plain
/// "if it's cheaper, ..." says what to do with a refund, not whether to write).
static NOT_DEARER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:only if|as long as|provided(?: that)?)\b[^.;]{0,50}?(?:\b(?P<same>the same (?:price )?or (?:less|cheaper|lower)|no more|not more|no pricier|not pricier)\b|\b(?:less|cheaper|lower)\b)|\bif\b[^.;]{0,50}?\b(?P<same2>the same (?:price )?or (?:less|cheaper|lower)|no more (?:expensive|than)|not more (?:expensive|than)))(?P<after>\s*(?:than\s*)?\$?\s?\d)?",
    )
});
/// What this agent never does: the store's procedures hold no coupon, discount, price
/// match, compensation, supervisor, newsletter or shipping speed.
static OUTSIDE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:coupons?|discounts?|vouchers?|promo(?:tion(?:al)?)? codes?|price ?match(?:ing)?|match (?:the|their|that) price|compensat(?:e|ion)|(?:store )?credit for (?:the|my) (?:hassle|trouble|inconvenience)|supervisor|manager|unsubscribe|marketing (?:e-?mails?|messages)|newsletters?|expedite[ds]?|faster shipping|free shipping|overnight shipping|loyalty points|reward points|(?:agent|you|representative|rep|they|support)\s+(?:offers?|suggests?|proposes?|recommends?|tries to (?:sell|offer|talk)|(?:were|are|was|is)\s+(?:thinking of|planning (?:on|to)|going to|about to)\s+(?:offer|suggest|propose)(?:ing)?)\b)\b",
    )
});
/// "as long as it's gray", "as long as they're still waterproof": a description of the item
/// wanted, nothing more (no verb of its own after it).
static PREFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^as long as (?:it|they|the \w+)(?:'s|'re| is| are| stays?| remains?)(?: still)? (?:a |an |in )?(?:the same )?[\w-]+(?: [\w-]+)?[.!?]*\s*$",
    )
});
/// "I don't mind if", "I wouldn't care if", "it's fine if", "no problem if": what follows is
/// allowed, not required.
static LEAVE_IT_IF: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:{MIND}|{IS_FINE}(?:fine|ok|okay|alright|no problem)|\bno problem)\s*(?:with\s+it\s+)?(?:even\s+)?$",
    ))
});
/// "I don't mind", "I wouldn't care": the customer allows what follows.
pub(crate) const MIND: &str =
    r"\b(?:don'?t|do not|wouldn'?t|would not|won'?t|will not)\s+(?:really\s+)?(?:mind|care)";
/// "it's fine", "that's perfectly okay" up to the word of approval (which follows it).
pub(crate) const IS_FINE: &str = r"\b(?:it'?s|it is|that'?s|that is|it would be|it'?d be)\s+(?:totally\s+|perfectly\s+|also\s+)?";
/// Words that make "as long as it's ..." a real condition: a time, a state of the order, a
/// price.
static NOT_A_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:\w{3,}ed|delivered|shipped|sent|here|arriv\w*|before|after|by|until|on time|in time|cheaper|pricier|more|less|under|over|free|available|possible|okay|ok|fine|allowed)\b",
    )
});
/// "if the bike comes in medium in black", "if you have it in blue", "if it's in stock", "if
/// the black ones exist with 8 hours of battery".
static AVAILABLE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:if|as long as|provided(?: that)?)\b[^,.;]{{0,60}}?\b(?:comes? in|comes? with|is (?:available|offered|sold)|are (?:available|offered|sold)|available|in stock|exists?|you (?:still |also )?(?:have|carry|sell|stock|offer|are having|are carrying|are selling|are stocking) {HELD}\b|{YOUVE_GOT}\s+{HELD}\b|(?:there is|there's|there are) (?:one|a|an)\b)",
    ))
});
/// What the store is said to have in an availability condition: "(you have) it", "(you
/// carry) the same", "(you've got) that one".
const HELD: &str = r"(?:it|one|them|that|the same|an?|the|exactly|my)";
/// "you've got", "you have got", "you got".
const YOUVE_GOT: &str = r"you(?:['’]ve|\s+have)?\s+got";
/// "if it hasn't shipped yet", "if the order is still pending", "if it's not too late".
static NOT_SHIPPED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:if|in case|as long as|provided(?: that)?|assuming)\b[^.;?!]{0,160}?(?:(?:\bnot|n't|\bnever)\s+(?:yet\s+|already\s+)?(?:been\s+)?(?:shipped|sent|dispatched|gone out|went out|left|out|on (?:its|the) way|in transit)|\bstill\s+(?:pending|processing|open|unshipped|in (?:the )?warehouse)|\bnot (?:too late|shipped)|\bin time\b|\bunshipped\b)",
    )
});
/// "if it has already shipped", "if it's on its way".
static SHIPPED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:if|in case)\b[^.;?!]{0,80}?\b(?:shipped|dispatched|gone out|went out|left the warehouse|on (?:its|the) way|in transit|out for delivery|too late)\b",
    )
});
static CANNOT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:can'?t|cannot|can not|won'?t|will not|wouldn'?t|doesn'?t|does not|don'?t|do not|didn'?t|refuses?|refused|unable|isn'?t able|aren'?t able|not able|no way|fails? to|not possible)",
    )
});
static STOP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:don'?t|do not|leave it|leave them|skip|forget it|not worth|no change|keep it as it is|cancel)\b",
    )
});

/// "never mind", "leave it as it is", "don't change anything": what follows a condition when the
/// customer wants nothing done in that case.
static NOTHING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:then\s+|just\s+|please\s+)*(?:never ?mind|forget (?:it|about it)|leave (?:it|them|that|everything|the \w+(?: \w+)?)(?: alone| as (?:it|they) (?:is|are)| unchanged)?|(?:don'?t|do not) (?:change|do|touch) anything|(?:don'?t|do not) (?:change|touch) (?:it|them|that|the \w+(?: \w+)?)|do nothing|no (?:change|need)s?|keep (?:it|them|everything) as (?:it|they) (?:is|are))\W*$",
    )
});

/// "if you can't take out a single item, leave that order as it is", "if you CAN'T refund to
/// the Visa: forget the return": the request failing, and then nothing done. That is what
/// happens to a request the store refuses anyway, so the request stands as written.
static FAILS_THEN_NOTHING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:and\s+|but\s+)?if\s+(?:you|they|we|it|that|this|the\s+[\w -]{1,30}?|my\s+[\w -]{1,30}?)\s+(?:can'?t|cannot|can not|(?:are|is)(?:n'?t| not) (?:able to|possible)|won'?t be able to|(?:are|is) unable to|does(?:n'?t| not) (?:cover|have enough))\b[^,;:]*?(?:[,;:]|\bthen\b)\s*(?:that'?s (?:fine|ok|okay|alright)\s*[-,;:]?\s*)?(?:then\s+|just\s+|please\s+)*(?:never ?mind|forget\b|leave\b|keep\b|don'?t bother|skip it|do nothing|no (?:change|need)s?\b|don'?t (?:do|change) anything)",
    )
});

/// Words of what the store does: orders, items, money, delivery.
static STORE_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:orders?|items?|products?|purchase|return|refund|exchang|cancel|ship|deliver|arriv|dispatch|price|cost|charg|pay|paid|card|paypal|gift|size|colou?r|availab|stock|model|version|address|send|sent|go(?:es|ing)? (?:out|to)|gone out|keep|swap|switch|chang|replac|upgrad|cheap|expensive|difference|discount|coupon)|\$\s?\d|#\s?W\d",
    )
});

/// The catalogue's words of four letters or more ([`crate::spelling::catalog_words`]).
static CATALOG_WORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    crate::spelling::catalog_words()
        .filter(|w| w.len() >= 4)
        .collect()
});

/// Whether `sentence` speaks of what the store sells or does, so that a condition in it may
/// bear on a request: "The tomatoes are going in this weekend if the rain holds off" does
/// not; "If the lamp costs more, ..." does.
pub fn about_the_store(sentence: &str) -> bool {
    STORE_MATTER.is_match(sentence)
        || sentence
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 4 && CATALOG_WORDS.contains(w.to_ascii_lowercase().as_str()))
}

/// Whether `sentence` is a condition whose consequence is to do nothing ("If it has already
/// shipped, never mind.", "if you can't, forget it"): it asks for no change of its own.
pub fn asks_nothing(sentence: &str) -> bool {
    FAILS_THEN_NOTHING.is_match(sentence)
        || condition_of(sentence).is_some()
            && sentence
                .split_once([',', ';'])
                .or_else(|| sentence.split_once(" then "))
                .is_some_and(|(_, rest)| NOTHING.is_match(rest))
}

/// The words of an availability condition in `clause` ("if the same perfume comes in a 30ml
/// bottle"): what a following "change it to that" refers to.
pub fn available_span(clause: &str) -> Option<&str> {
    AVAILABLE_SPAN.find(clause).map(|m| m.as_str())
}

static AVAILABLE_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:if|as long as|provided(?: that)?)\b[^,.;]{{0,80}}?\b(?:comes? in|available|in stock|exists?|you (?:still |also )?(?:have|carry|sell|stock|offer) {HELD}|{YOUVE_GOT}\s+{HELD})\b[^,.;]*",
    ))
});

/// A bound on an amount whose consequent says where the money goes: "if the refund is over
/// $300, I'd rather have it on my gift card", "if it's under $50, refund it to PayPal".
static MONEY_DESTINATION_IF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:if|when|should)\b[^.;!?]{0,60}?(?:more|over|above|greater|higher|less|under|below|lower|at least|at most)\s+(?:than\s+)?\$?\s?\d[\d,.]*[^.;!?]{0,20}?(?:,|\bthen\b)[^.;!?]{0,80}?\b(?:gift ?card|paypal|visa|mastercard|amex|credit card|debit card|card)\b",
    )
});

/// `text` with the conditions on what the agent does removed: this agent always asks for
/// confirmation and asks for what it needs, so "If the agent asks for confirmation, mention I
/// also want to return the lamp" reads as "mention I also want to return the lamp".
pub fn strip_agent_conditions(text: &str) -> String {
    AGENT_IF.replace_all(text, "").into_owned()
}

/// "If you still sell the pink TPE mat in 5mm, that's the one I want": a wish for what the
/// condition names, which holds only if it is sold, as every change does.
static WANTED_IF_SOLD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bif (?:you (?:still |also )?(?:sell|have|carry|stock|offer)|there(?:'s| is) (?:still )?)\s+(?P<x>[^,.;]{3,80}?)(?:\s+(?:available|in stock|for sale))?,\s*(?:then\s+)?(?:that(?:'s| is)|it(?:'s| is)|this is) (?:the one|what) (?:i want|i'd like|i would like|i'll take|i will take)\b",
    )
});

/// `text` as the planner reads it: without the conditions on what the agent does
/// ([`strip_agent_conditions`]), and with a wish put as a condition on what is sold said
/// plainly ("If you still sell X, that's the one I want" reads "I want X": a change to what is
/// not sold cannot go ahead anyway, and a fallback after it still reads as one).
pub fn restate(text: &str) -> String {
    let text = strip_agent_conditions(text);
    WANTED_IF_SOLD.replace_all(&text, "I want $x").into_owned()
}

/// The condition `clause` puts on its own request, if any.
pub fn condition_of(clause: &str) -> Option<Condition> {
    let courteous = COURTESY.replace_all(clause, " ");
    // ("cancel my order, if there's no way to get it by Friday" names no alternative: it
    // stays a condition)
    let courteous = INLINE_SECOND_CHOICE.replace_all(&courteous, |c: &regex::Captures<'_>| {
        format!(", {}", &c["alt"])
    });
    let cond = CONDITIONAL.find(&courteous)?;
    // the condition itself: from the conditional word to the next comma or "then"
    let rest = &courteous[cond.start()..];
    let span = rest
        .find([',', ';'])
        .or_else(|| rest.find(" then "))
        .map_or(rest, |end| &rest[..end]);
    // "any material is fine as long as they're gray": a wish about the item, read with its
    // options, not a condition to check
    if PREFERENCE.is_match(span) && !NOT_A_DESCRIPTION.is_match(span) {
        return None;
    }
    // "I don't mind if it's a different fabric", "it's fine if the strap is black": leave to
    // the store what the customer does not care about, not a condition to check
    if LEAVE_IT_IF.is_match(&courteous[..cond.start()]) {
        return None;
    }
    // "What's the price difference if I switch my sunglasses to plastic?": the customer's own
    // choice, asked about; as written there it is a question, no write (a request for the
    // same change elsewhere in the message stands on its own)
    if OWN_HYPOTHETICAL.is_match(span) {
        return Some(Condition::OwnChoice);
    }
    if OUTSIDE.is_match(span) {
        let cannot = CANNOT.is_match(span);
        let unless = cond.as_str().eq_ignore_ascii_case("unless");
        // the agent cannot: "if they can't ..." holds, "unless they can ..." goes ahead anyway
        return Some(Condition::Outside {
            applies: cannot != unless,
        });
    }
    // "if the refund is more than $500, put it on my gift card": where the money goes depends
    // on the amount. Not evaluated: never a write on the unconditional reading
    if MONEY_DESTINATION_IF.is_match(&courteous) {
        return Some(Condition::Unmodelled(clause.trim().to_owned()));
    }
    if let Some(c) = PRICE.captures(&courteous) {
        let amount: f64 = c["amount"].parse().ok()?;
        let below_said = matches!(
            c["cmp"].to_lowercase().as_str(),
            "less" | "cheaper" | "under" | "below" | "lower" | "no more" | "not more"
        );
        let head = c.get(0).map_or("", |m| m.as_str()).to_lowercase();
        // "unless it is over $50" and "if it is over $50, leave it" both mean: go ahead below
        let stop_when_true = head.starts_with("unless")
            || STOP.is_match(&courteous[c.get(0).map_or(0, |m| m.end())..]);
        return Some(Condition::Price {
            below: below_said != stop_when_true,
            amount,
            difference: head.contains("difference") || courteous.contains("difference"),
        });
    }
    // "only do it if that costs the same or less than what I paid": a bound at no extra
    // cost, on the difference (the same price passes only where "the same" or "no more" is
    // said)
    // ("only" before the "if" is the bound's: "swap it, but only if it's cheaper")
    let before = courteous[..cond.start()].trim_end();
    let only = before
        .get(before.len().saturating_sub(4)..)
        .is_some_and(|w| w.eq_ignore_ascii_case("only"));
    let from = if only { before.len() - 4 } else { cond.start() };
    let bounded = &courteous[from..cond.start() + span.len()];
    if let Some(c) = NOT_DEARER
        .captures(bounded)
        .filter(|c| c.name("after").is_none())
    {
        let same_passes = c.name("same").is_some() || c.name("same2").is_some();
        return Some(Condition::Price {
            below: true,
            amount: if same_passes { 0.005 } else { 0.0 },
            difference: true,
        });
    }
    // "if there is some difference of price, use my PayPal for it": where any difference
    // goes; there is none to move when the condition fails ("if there's a ..." is no
    // availability here)
    if ANY_DIFFERENCE.is_match(span) || MONEY_BACK_IF.is_match(span) {
        return None;
    }
    // a shipping condition may run past a comma ("if my order with the skateboard, speaker
    // and sunglasses hasn't gone out yet")
    if NOT_SHIPPED.is_match(rest) {
        return Some(Condition::Shipped(false));
    }
    if SHIPPED.is_match(rest) {
        return Some(Condition::Shipped(true));
    }
    if OTHERWISE.is_match(&courteous) {
        return Some(Condition::Otherwise);
    }
    if AVAILABLE.is_match(span) && !UNAVAILABLE.is_match(span) {
        return Some(Condition::IfAvailable);
    }
    if UNAVAILABLE.is_match(&courteous) {
        return Some(Condition::IfUnavailable);
    }
    if FAILS_THEN_NOTHING.is_match(&courteous[cond.start()..]) {
        return None;
    }
    // "assuming the bookshelf works out, I'd also like ...": the earlier request going
    // through; every write of the message is confirmed and run together, so it holds
    if WORKS_OUT.is_match(span) {
        return None;
    }
    // "if it's cheaper, refund the difference to my PayPal": where the difference goes,
    // written as a condition on its sign; the payment method is read from the clause
    if DIFFERENCE_SIGN.is_match(span) && courteous.to_lowercase().contains("difference") {
        return None;
    }
    // "Is it available in black? If it is, switch mine; if it isn't, cancel the order": an
    // elliptical condition answers the availability the message asked about
    if ELLIPTIC_NOT.is_match(&courteous) {
        return Some(Condition::IfUnavailable);
    }
    if ELLIPTIC_YES.is_match(&courteous) {
        return Some(Condition::IfAvailable);
    }
    Some(Condition::Unmodelled(clause.trim().to_owned()))
}

impl Condition {
    /// Whether a write may go ahead under this condition (only price bounds judge writes).
    pub fn allows(&self, w: &ProposedWrite, new_price: f64) -> Result<(), String> {
        let Condition::Price {
            below,
            amount,
            difference,
        } = self
        else {
            return Ok(());
        };
        let value = if *difference {
            w.price_difference.unwrap_or(0.0)
        } else {
            new_price
        };
        let ok = if *below {
            value < *amount
        } else {
            value > *amount
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "{} would be ${value:.2}, {} ${amount:.2} as you asked, so I left it as it is",
                if *difference {
                    "the price difference"
                } else {
                    "the new item"
                },
                if *below { "not below" } else { "not above" }
            ))
        }
    }

    /// Whether a sentence after a request puts this condition on that request: a bound on its
    /// money, or a condition the planner cannot evaluate. (A fallback, or a condition on what
    /// the agent never does, concerns the sentence's own words, not the request before it.)
    pub fn binds_the_request_before(&self) -> bool {
        matches!(
            self,
            Condition::Price { .. } | Condition::Shipped(_) | Condition::Unmodelled(_)
        )
    }

    /// This condition, written in `sentence` after a request, as a condition on that request.
    /// A shipping condition with something to do after it ("If it has already shipped, never
    /// mind", "..., I'll return it instead") names the other case: the request before stands
    /// in the opposite one. Without one ("Only if it hasn't shipped yet.") it is the request's.
    pub fn on_the_request_before(self, sentence: &str) -> Condition {
        match self {
            Condition::Shipped(shipped) => {
                let consequent = sentence
                    .split_once([',', ';'])
                    .or_else(|| sentence.split_once(" then "))
                    .is_some_and(|(_, rest)| rest.chars().any(char::is_alphabetic));
                Condition::Shipped(shipped != consequent)
            }
            other => other,
        }
    }

    /// Whether the request stands for an order in `status` (only shipping conditions judge
    /// statuses; a cancelled or unknown order is left to the request's own checks).
    pub fn holds_for_status(&self, status: &str) -> Option<bool> {
        let Condition::Shipped(shipped) = self else {
            return None;
        };
        let left = match status {
            "processed" | "delivered" => true,
            s if s.starts_with("pending") => false,
            _ => return None,
        };
        Some(left == *shipped)
    }

    /// Whether the request stands only when the one before it fails.
    pub fn is_fallback(&self) -> bool {
        matches!(self, Condition::IfUnavailable | Condition::Otherwise)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wish_put_as_a_condition_on_what_is_sold_is_read_plainly() {
        assert_eq!(
            restate("I want to exchange it. If you still sell the pink mat in 5mm, that's the one I want. If it is sold out, return it."),
            "I want to exchange it. I want the pink mat in 5mm. If it is sold out, return it."
        );
        assert_eq!(
            restate("If you have the blue one in stock, it's what I'd like."),
            "I want the blue one."
        );
        // a condition with a request of its own stays one
        let text = "If you still sell the blue one, exchange mine for it.";
        assert_eq!(restate(text), text);
        assert_eq!(
            condition_of("If the pink one is sold out, just return the mat."),
            Some(Condition::IfUnavailable)
        );
        assert_eq!(
            condition_of("If you still sell the blue one, exchange mine for it."),
            Some(Condition::IfAvailable)
        );
    }

    #[test]
    fn fallbacks_and_price_bounds_are_read() {
        assert_eq!(
            condition_of("If that isn't available, just cancel that whole order."),
            Some(Condition::IfUnavailable)
        );
        // another request of the message going through
        assert_eq!(
            condition_of("Assuming the bookshelf works out, I'd also like the lamp in black."),
            None
        );
        // where the difference goes, not a condition
        assert_eq!(
            condition_of("If it's cheaper, please refund the difference to my Mastercard."),
            None
        );
        assert_eq!(
            condition_of("If the new one costs more, charge the difference to my Visa."),
            None
        );
        // elliptical, after "is it available in black?"
        assert_eq!(
            condition_of("If it isn't, please just cancel the order."),
            Some(Condition::IfUnavailable)
        );
        assert_eq!(
            condition_of("If it is, please switch mine to the black one."),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of(
                "If yes please change mine to the 30ml, if not then just leave it as it is."
            ),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("Otherwise, please cancel the order."),
            Some(Condition::Otherwise)
        );
        // "otherwise" for "in other respects" is no condition
        assert_eq!(
            condition_of(
                "Please make it the 4K one, same as before otherwise (silver and waterproof)."
            ),
            None
        );
        // the earlier change going through
        assert_eq!(
            condition_of(
                "If the bookshelf can be changed, I would also like the headphones changed."
            ),
            None
        );
        assert_eq!(
            condition_of("If the bookshelf is okay, I would also like the headphones changed."),
            None
        );
        assert_eq!(
            condition_of("exchange it for the 1000ml one, but only if it costs less than $50"),
            Some(Condition::Price {
                below: true,
                amount: 50.0,
                difference: false
            })
        );
        assert_eq!(
            condition_of("If the price difference is more than $20, leave it"),
            Some(Condition::Price {
                below: true,
                amount: 20.0,
                difference: true
            })
        );
    }

    #[test]
    fn a_second_choice_inside_the_request_is_no_condition_on_it() {
        for t in [
            "change it to M in the same red half zip, or if there isn't an M like that, to L.",
            "the blue headphones should be red instead; if red isn't available, make them black.",
            "exchange it for an 80% tactile one with RGB; if the 80% tactile doesn't come with RGB, the white backlight is fine.",
            "I want the 14 inch size, still white; if that one doesn't exist, take the 14 inch one in black.",
        ] {
            assert_eq!(condition_of(t), None, "{t}");
        }
        // beside a condition of its own, that one stays
        assert_eq!(
            condition_of(
                "If you have it at 4 ft, exchange the short one for it; if the 4 ft isn't \
                 available, exchange it for the 6 ft instead."
            ),
            Some(Condition::IfAvailable)
        );
        // with no alternative after it, it is a condition
        for t in [
            "Cancel my order, if there's no way to get it by Friday.",
            "Exchange it for the black one, if there's no extra charge.",
        ] {
            assert!(!INLINE_SECOND_CHOICE.is_match(t), "{t}");
        }
        // at the head of its own clause it is a fallback on the request before
        assert_eq!(
            condition_of("If there isn't one in black, cancel the order."),
            Some(Condition::IfUnavailable)
        );
    }

    #[test]
    fn an_offer_from_the_agent_never_comes() {
        // this agent offers nothing instead of what was asked
        assert_eq!(
            condition_of(
                "If the agent offers an exchange instead, no thanks, I just want the return."
            ),
            Some(Condition::Outside { applies: false })
        );
        assert_eq!(
            condition_of("If they suggest cancelling, go ahead and cancel the order."),
            Some(Condition::Outside { applies: false })
        );
    }

    #[test]
    fn the_customers_own_choice_as_a_hypothetical_is_a_question() {
        for text in [
            "What's the price difference if I switch my lamp to the white one?",
            "How much more would it be if we went with the 2L kettle?",
        ] {
            assert_eq!(condition_of(text), Some(Condition::OwnChoice), "{text}");
        }
        // a condition on the store is still one
        assert_ne!(
            condition_of("If the white one is available, switch my lamp to it."),
            Some(Condition::OwnChoice)
        );
    }

    #[test]
    fn a_wish_about_the_item_is_no_condition() {
        assert_eq!(
            condition_of(
                "the sneakers should be a size 10 - any material is fine as long as they're gray."
            ),
            None
        );
        assert_eq!(condition_of("switch the lamp, as long as it's red"), None);
        assert!(matches!(
            condition_of("as long as it's delivered before Friday, change the lamp"),
            Some(Condition::Unmodelled(_))
        ));
    }

    #[test]
    fn the_words_of_an_availability_condition_are_found() {
        assert_eq!(
            available_span(
                "if the same lamp comes in white, please change it to that; if not, leave it"
            ),
            Some("if the same lamp comes in white")
        );
        assert_eq!(available_span("please change it to the white one"), None);
    }

    #[test]
    fn a_bound_at_no_extra_cost_is_a_price_condition() {
        let free = Condition::Price {
            below: true,
            amount: 0.005,
            difference: true,
        };
        for t in [
            "Only do it if that costs the same or less than what I paid for the 5K one.",
            "Go ahead as long as it's no more than what I paid.",
            "if the new one is not more expensive than mine, switch it",
        ] {
            assert_eq!(condition_of(t), Some(free.clone()), "{t}");
        }
        assert_eq!(
            condition_of("Swap it, but only if it's cheaper."),
            Some(Condition::Price {
                below: true,
                amount: 0.0,
                difference: true
            })
        );
        // with an amount it is the amount's bound; a plain "if it's cheaper" says where a
        // refund goes, it is no bound
        assert!(matches!(
            condition_of("only if it costs less than $50"),
            Some(Condition::Price { amount, .. }) if amount == 50.0
        ));
        assert!(!matches!(
            condition_of("If it's cheaper, tell me how much comes back to me."),
            Some(Condition::Price { .. })
        ));
    }

    #[test]
    fn availability_conditions_are_read() {
        // a non-native speaker's "if for gas there is not": the fallback's head
        assert_eq!(
            condition_of("If for gas there is not, then change it for the one for induction."),
            Some(Condition::IfUnavailable)
        );
        // "I'd be grateful if you told me how much it is" asks politely, it is no condition
        assert_eq!(
            condition_of(
                "It goes to my Mastercard, and I'd be grateful if you told me how much it is."
            ),
            None
        );
        assert_eq!(
            condition_of(
                "If the black wireless earbuds exist with 8 hours of battery, change mine to those."
            ),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("If you've got that one, switch it and take the extra off my gift card."),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("If they don't exist, leave the earbuds as they are."),
            Some(Condition::IfUnavailable)
        );
        assert_eq!(
            condition_of("If the mountain bike comes in medium in black, please switch to that; otherwise leave the bike alone."),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("if you have it in blue, exchange the kettle"),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("If you have the same lamp in black, exchange mine for it."),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("If you are having the same lamp in black, kindly exchange mine."),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("If the 8-inch comes with the same 32GB, that's the one I want."),
            Some(Condition::IfAvailable)
        );
        assert_eq!(
            condition_of("If it isn't available in blue, cancel the order"),
            Some(Condition::IfUnavailable)
        );
        // the answer to a question about what is sold, left out
        assert_eq!(
            condition_of("- if no: just cancel the order, no longer need it"),
            Some(Condition::IfUnavailable)
        );
        assert_eq!(
            condition_of("if no one is home, leave it at the door"),
            Some(Condition::Unmodelled(
                "if no one is home, leave it at the door".to_owned()
            ))
        );
    }

    #[test]
    fn a_condition_in_a_story_is_not_about_the_store() {
        assert!(!about_the_store(
            "The tomatoes are going in this weekend if the rain holds off, so wish me luck!"
        ));
        assert!(!about_the_store(
            "I'm putting that at the top because otherwise I'll forget, which is how this week has gone."
        ));
        assert!(about_the_store(
            "If the lamp costs more than $50, leave it."
        ));
        assert!(about_the_store("Only if the bookshelf comes in white."));
        assert!(about_the_store(
            "If one of them is set to go to San Diego, that's by mistake."
        ));
    }

    #[test]
    fn a_request_failing_then_nothing_done_is_no_condition() {
        for said in [
            "if you can't take out a single item, leave that order as it is",
            "if you CAN'T refund to the Visa: forget the return, I'll just keep the e-reader",
            "If the gift card can't cover it, that's fine - just leave the Mastercard on it and don't change anything else.",
            "if you can't turn the shoes into boots then just leave the order like it is",
        ] {
            assert_eq!(condition_of(said), None, "{said}");
        }
        // something else done when it fails is a condition
        assert!(condition_of("if you can't refund to the Visa, refund to my gift card").is_some());
    }

    #[test]
    fn in_case_it_is_not_yet_shipped_is_the_pending_condition() {
        assert_eq!(
            condition_of("In case my order having the office chair is not yet shipped, kindly change the chair to black"),
            Some(Condition::Shipped(false))
        );
        assert_eq!(
            condition_of("In case it has already shipped, please do nothing"),
            Some(Condition::Shipped(true))
        );
    }

    #[test]
    fn shipping_conditions_are_read() {
        for t in [
            "if my order with the office chair hasn't shipped yet, I'd like the chair in black",
            "If it has not been sent out yet, please switch the lamp to white",
            "if the order is still pending, change the address",
            "If it's not too late, cancel the kettle order",
            "if my order with the skateboard, speaker and sunglasses hasn't gone out yet, could you switch",
        ] {
            assert_eq!(condition_of(t), Some(Condition::Shipped(false)), "{t}");
        }
        for t in [
            "If it has already shipped, I'll return it instead",
            "If it's already on its way, don't change anything.",
        ] {
            assert_eq!(condition_of(t), Some(Condition::Shipped(true)), "{t}");
        }
        // after a request: the sentence names the other case, or the request's own
        let after = |t: &str| condition_of(t).map(|c| c.on_the_request_before(t));
        assert_eq!(
            after("If it's already on its way, don't change anything."),
            Some(Condition::Shipped(false))
        );
        assert_eq!(
            after("Only if it hasn't shipped yet."),
            Some(Condition::Shipped(false))
        );
        assert_eq!(
            Condition::Shipped(false).holds_for_status("pending (item modified)"),
            Some(true)
        );
        assert_eq!(
            Condition::Shipped(false).holds_for_status("delivered"),
            Some(false)
        );
        assert_eq!(Condition::Shipped(true).holds_for_status("cancelled"), None);
        assert!(asks_nothing(
            "If it's already on its way, don't change anything."
        ));
        assert!(asks_nothing("If it has already shipped, never mind."));
        assert!(asks_nothing(
            "If that exact setup isn't available in silver, please don't touch the laptop."
        ));
        assert!(!asks_nothing(
            "If it has already shipped, please return it instead."
        ));
    }

    #[test]
    fn courtesy_is_no_condition_and_the_rest_is_unmodelled() {
        assert_eq!(condition_of("Please return it, if possible."), None);
        assert_eq!(condition_of("Please return it if you can."), None);
        // "otherwise" in the sense of "in other respects"
        assert_eq!(
            condition_of(
                "the silver watch to the LCD one, otherwise the same (silver, leather band)"
            ),
            None
        );
        // a polite frame around the request itself
        assert_eq!(
            condition_of("I would be grateful if you could update the address on my account."),
            None
        );
        assert_eq!(
            condition_of("It would be great if you could cancel the order."),
            None
        );
        assert_eq!(
            condition_of("If you could please switch it to PayPal."),
            None
        );
        assert!(matches!(
            condition_of("If you can get it to me by Friday, keep the order."),
            Some(Condition::Unmodelled(_))
        ));
        assert_eq!(
            condition_of("Cancel it and let me know if you need anything else."),
            None
        );
        assert!(matches!(
            condition_of("If my husband agrees, exchange the lamp."),
            Some(Condition::Unmodelled(_))
        ));
        // a heading's polite frame, and a whether reported in a story
        assert_eq!(condition_of("Two things, if you could:"), None);
        assert_eq!(
            condition_of("My cousin asked if I could come help out, so I'm heading to Dallas."),
            None
        );
        assert!(matches!(
            condition_of("If you could get it to me by Friday, keep the order."),
            Some(Condition::Unmodelled(_))
        ));
    }

    #[test]
    fn a_difference_that_may_exist_is_where_the_money_goes() {
        assert_eq!(
            condition_of("If there is some difference of price, please use my PayPal for it."),
            None
        );
        assert_eq!(
            condition_of("Should there be any price difference, charge my Visa."),
            None
        );
        assert_eq!(
            condition_of(
                "If there's a price difference, please use my gift card for it, not my Visa."
            ),
            None
        );
        assert_eq!(
            condition_of("If there's a refund on the difference, please put it on my Mastercard."),
            None
        );
        // no article, no comma before the consequence
        assert_eq!(
            condition_of("If there is difference please use my Mastercard."),
            None
        );
        assert!(matches!(
            condition_of("If there is a difference of more than $20, leave it."),
            Some(Condition::Price { .. })
        ));
    }

    #[test]
    fn where_money_coming_back_goes_is_no_condition() {
        for said in [
            "If there's a difference to pay, please put it on my Mastercard, not the Visa.",
            "If anything comes back to me, please refund it to my Visa.",
            "If I get money back, please put it on my gift card.",
        ] {
            assert_eq!(condition_of(said), None, "{said}");
        }
        // a condition on what is sold stays one
        assert!(condition_of("If you have it in blue, please put it on my card.").is_some());
    }

    #[test]
    fn conditions_on_what_the_agent_never_does_are_known() {
        assert_eq!(
            condition_of("I want a full refund unless they can match the price with a discount"),
            Some(Condition::Outside { applies: true })
        );
        assert_eq!(
            condition_of("If the agent can't unsubscribe me from the emails, cancel the order"),
            Some(Condition::Outside { applies: true })
        );
        assert_eq!(
            condition_of("If you can give me a coupon, I'll keep the order"),
            Some(Condition::Outside { applies: false })
        );
    }

    #[test]
    fn where_money_goes_depending_on_the_amount_is_not_evaluated() {
        assert!(matches!(
            condition_of(
                "If the total refund is more than $500, I'd rather have it on my gift card."
            ),
            Some(Condition::Unmodelled(_))
        ));
        // a bound on the write itself is still a price condition
        assert!(matches!(
            condition_of("If it costs more than $100 extra, don't do it."),
            Some(Condition::Price { .. })
        ));
    }

    #[test]
    fn a_second_choice_after_there_is_no() {
        assert_eq!(
            condition_of("If there's no black one like that, I'll take it in blue."),
            Some(Condition::IfUnavailable)
        );
        assert_eq!(
            condition_of("If there is none, I'd go for tactile."),
            Some(Condition::IfUnavailable)
        );
    }

    #[test]
    fn conditions_on_the_agent_hold_here() {
        assert_eq!(
            strip_agent_conditions(
                "If the agent asks for confirmation, mention I also want to return the desk lamp."
            ),
            "mention I also want to return the desk lamp."
        );
        // a question the agent may ask, without saying who asks
        assert_eq!(
            strip_agent_conditions("If asked for a reason, say I no longer need it."),
            "say I no longer need it."
        );
        assert_eq!(
            strip_agent_conditions("If they ask why, tell them it was a gift."),
            "tell them it was a gift."
        );
    }
}
