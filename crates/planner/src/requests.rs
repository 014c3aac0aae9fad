//! The requests in a ticket: its sentences split into clauses, each clause
//! given to the procedure whose trigger it matches, with the order ids it
//! names and the text around it.
//!
//! About 600 lines of code and 450 of tests, one file: where a clause ends depends on
//! which triggers match and on the conditions and retractions around them, so the split
//! and the matching are one reading.

use std::sync::LazyLock;

use regex::Regex;

use crate::conditions::{about_the_store, condition_of, restate, Condition};
use crate::text::{order_ids, re, sentences};
use crate::Procedures;

static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:don'?t|do not|doesn'?t|does not|didn'?t|never|not|no need to|without|won'?t|instead of|skip|forget about)\s+(?:\w+\s+){0,3}$",
    )
});
/// A question about the policy's time limit ("how many days do I have to return it?", "what's
/// the deadline to exchange"): it asks about the action, it does not ask for it.
static TIME_LIMIT_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:how (?:many (?:days|weeks)|long|much time)|until when|by when)\b[^.!?,;]{0,40}$|\b(?:deadline|time limit|time frame|timeframe|return window|last day)\s+(?:is there\s+)?(?:to|for)\s+(?:me\s+to\s+)?(?:\w+\s+)?$",
    )
});

/// "the tablet order that I ended up cancelling", "an order earlier this year that I ended up
/// cancelling", "the one we returned": an order or item described by what was done to it,
/// before the trigger's past or "-ing" form.
static DONE_TO_IT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:order|one|purchase|item)(?:(?:\s+[\w']+){0,4}?\s+(?:that|which))?\s+(?:i|we)\s+(?:(?:had|'d|have|already|just|previously|earlier|ended up|went ahead and)\s+)*$",
    )
});
static DONE_FORM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\w*?(?:ed|ing)\b"));

/// Whether the trigger at `pos` of `text` is not asked for: negated, part of a question about
/// the time limit, or what was done to the order it describes.
fn not_asked_at(text: &str, pos: usize) -> bool {
    let prefix = &text[..pos];
    not_asked(prefix)
        || (DONE_TO_IT.is_match(prefix) && DONE_FORM.is_match(&text[pos..]))
        || PERMITTED.is_match(prefix)
        || AMOUNT_OF.is_match(prefix)
}

/// "How much will I be getting back in total for the two swaps?", "what's the difference on
/// the exchange": the requests named as what a figure is asked of, not one more request.
static AMOUNT_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:how much|what(?:'s| is| will be| would be)?)\b[^.;!?]*\b(?:for|from|of|on|with)\s+(?:the|these|those|this|that|my|both|all)\s+(?:(?:two|three|both|[\w-]+)\s+)?$",
    )
});

/// "I don't mind if it's a crew neck instead of a v-neck", "it's fine if it comes in another
/// color": what the customer allows, not a change they ask for.
static PERMITTED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:{}|{}(?:fine|ok|okay|alright))\s+if\b[^.;!?]*$",
        crate::conditions::MIND,
        crate::conditions::IS_FINE
    ))
});

/// Whether the trigger at the end of `prefix` is not asked for: negated, or part of a question
/// about the time limit.
fn not_asked(prefix: &str) -> bool {
    NEGATED.find(prefix).is_some_and(|m| {
        let bare_not = m
            .as_str()
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("not "));
        !(bare_not && CONDITION_HEAD.is_match(&prefix[..m.start()]))
    }) || TIME_LIMIT_QUESTION.is_match(prefix)
        || NO_BEFORE.is_match(prefix)
}
/// "if (it has) not shipped yet please cancel": a bare "not" after these words is the
/// condition's, not the request's ("if it's not possible don't cancel" stays negated).
static CONDITION_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:if|unless|provided|assuming|as long as)(?:\s+[\w']+){0,3}\s*$"));
/// "No change to the tablet", "no exchange needed": "no" right before the request word (not
/// "No, change it to blue").
pub(crate) static NO_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bno\s+$"));
/// A condition that opens the next clause of a sentence: "; if that isn't available",
/// ", otherwise", "and if not".
static CONDITION_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:[;,]|\b(?:and|but)\b)\s*(?P<c>(?:if|otherwise|or else|in case|unless)\b)")
});
/// What names the order of the request after it, as the clause before ends: "for
/// #W1234567,", "and then in my pending order with the gold smart watch".
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:for|in|on|from|with)\s+(?:my\s+)?(?:order\s+)?)?#\s?W\d{7},?\s*$|\b(?:and\s+)?(?:then\s+)?(?:for|in|on|from)\s+(?:my|the|our)\s+(?:[\w-]+\s+){0,2}?(?:order|delivery|purchase)\b[^,;.:!?]{0,80}?[,:]?\s*$",
    )
});
/// A lead-in that names an order by what it is, not by its number.
static ORDER_NAMED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:order|delivery|purchase)\b"));
/// A sentence that opens with its condition: "If that one is sold out, ...".
static OPENS_WITH_CONDITION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\W*(?:and\s+|but\s+)?(?:if|in case|should|unless)\b"));
/// "I only want to exchange the lamp", "only return the shoes" (not "not only").
static ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[^t]\s|\W)\bonly\b(?:\s+\w+){0,4}\s*$"));

/// The customer takes back what they asked for: "never mind", "forget it", "I'll keep it
/// after all", "I decided to keep them".
static RETRACTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:never ?mind|scratch that|forget (?:it|that|about it)|(?:decided|decide|going|want|wants|'ll|will|would rather|rather) (?:to )?keep (?:it|them|everything|all of (?:it|them))\b|keep (?:it|them) after all|(?:no longer|don'?t|do not) (?:want|need) to (?:return|exchange|cancel|change|modify|replace) (?:it|them|anything)|(?:don'?t|do not|no need to)\s+cancel\s+(?:it|them|anything|(?:the|that|this|my)\s+(?:whole\s+)?order)\b)",
    )
});
/// Request kinds that ask for facts: "I don't want to change anything" takes none back.
const QUESTION_KINDS: [&str; 3] = ["status", "product_info", "account"];

/// Whether `later` takes back the request before it; "I don't want to change anything
/// else" keeps it.
fn takes_back(later: &str) -> bool {
    RETRACTED.find_iter(later).any(|m| {
        !later[m.end()..]
            .trim_start()
            .to_lowercase()
            .starts_with("else")
    })
}

/// A label line whose value keeps what the label names: "Shipping address: leave it alone -
/// it can still go to Main Street", "Payment: no change".
static LABEL_KEPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[^:.;!?]{0,40}:\s*(?:please\s+)?(?:leave (?:it|that|them|this)\b|keep (?:it|that|them|this) (?:as|the same)\b|no change|unchanged|stays? (?:as|the same)\b|same as (?:now|before|it is)\b|(?:don'?t|do not) change\b|as is\b)",
    )
});

static SAME_AS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bsame\s+as\s+(?:my\s+)?(?:order\s+)?$"));

/// Request kinds from the most to the least specific: when two procedures'
/// triggers start at the same place, the earlier kind wins.
const PRIORITY: [&str; 9] = [
    "user_address",
    "order_address",
    "order_payment",
    "cancel",
    "return",
    "item_change",
    "status",
    "account",
    "product_info",
];

/// One request of the ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Request kind (a procedure's `request`).
    pub kind: String,
    /// The clause that asks for it.
    pub clause: String,
    /// Order ids the clause names (not those after "same as").
    pub order_ids: Vec<String>,
    /// The last order id named earlier in the ticket.
    pub context_order: Option<String>,
    /// Sentences without a request just before the clause.
    pub before: String,
    /// Sentences without a request just after the clause.
    pub after: String,
    /// Whether the request came from a trigger (not a fallback or the router).
    pub explicit: bool,
    /// Whether the customer took it back later in the sentence ("... but I
    /// changed my mind and decided not to exchange it").
    pub retracted: bool,
    /// Whether it is the ticket's only request (then details written
    /// anywhere in the ticket, such as a payment method, belong to it).
    pub alone: bool,
    /// A condition written on it ("if it is not available, ...", "only if it costs less
    /// than $50").
    pub condition: Option<Condition>,
    /// "Only exchange the lamp": it narrows the earlier requests of its kind to what it names.
    pub only: bool,
    /// The products this request is narrowed to by a later "only ..." (empty: no narrowing).
    pub only_products: Vec<String>,
}

impl Request {
    /// A request of `kind` made by `clause` alone, with nothing around it.
    pub fn of(kind: &str, clause: &str) -> Request {
        Request {
            kind: kind.to_owned(),
            clause: clause.to_owned(),
            order_ids: order_ids(clause).into_iter().map(|(_, id)| id).collect(),
            context_order: None,
            before: String::new(),
            after: String::new(),
            explicit: false,
            retracted: false,
            alone: true,
            condition: None,
            only: false,
            only_products: Vec::new(),
        }
    }
}

fn rank(kind: &str) -> usize {
    PRIORITY
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(PRIORITY.len())
}

/// The first trigger of `kind` in `text` that is not negated.
fn first_hit(text: &str, kind: &str, procedures: &Procedures) -> Option<usize> {
    procedures
        .of_request(kind)
        .flat_map(|p| p.trigger_positions(text))
        .filter(|pos| !not_asked_at(text, *pos))
        .min()
}

/// Kinds whose trigger occurs negated ("decide not to exchange") after `from`.
fn negated_kinds(sentence: &str, procedures: &Procedures, from: usize) -> Vec<String> {
    let mut out = Vec::new();
    for p in &procedures.procedures {
        for pos in p.trigger_positions(sentence) {
            if pos > from && NEGATED.is_match(&sentence[..pos]) {
                out.push(p.spec.request.clone());
            }
        }
    }
    out
}

/// Each kind's first trigger (or fallback trigger) in a sentence that is not negated. A
/// trigger whose match holds the start of a more specific kind's trigger gives way to it
/// ("I'd like to pay with PayPal instead" is a payment change, not an item change).
/// Where money goes ("any money back goes to my gift card", "the difference should go on
/// my Visa"): a payment instruction for the requests around it, never a request of its own.
static DESTINATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:money|refund|difference|credit)(?:\s+back)?\s+(?:goes|go|should go|can go|must go|will go|gets? (?:put|sent|credited))\b|^\W*(?:any|all|the)\s+money\s+back\b",
    )
});

/// "cancelled" or "canceled" at the start of the text.
static CANCELLED_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^cancell?ed\b"));
/// A determiner or possessive just before a word: "my cancelled order", "the canceled one"
/// ("I'd like my order cancelled" keeps its request).
static DETERMINER_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:my|the|a|an|your|that|this|his|her|our|their|other|one)\s+$"));

/// "tell me what the lamp exchange costs", "the cancellation fee": a request word used as a
/// noun whose price is asked, not a request.
static NOUN_USE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\w*\s+(?:costs?|would cost|will cost|comes? to|came to|difference|price|amount|total|fees?)\b",
    )
});

/// "switch it to PayPal": what follows an item-change verb is a payment method, so the
/// sentence moves the payment, it changes no item.
static TO_PAYMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:over\s+)?(?:to|onto)\s+(?:my\s+|the\s+)?(?:paypal|gift ?card|visa|mastercard|amex|discover|credit card|debit card)\b",
    )
});

/// "send the difference back to my Mastercard": money sent back, a refund's destination, not
/// items returned.
static MONEY_SENT_BACK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^send(?:ing)?\s+(?:the\s+|any\s+|my\s+|that\s+)?(?:price\s+)?(?:difference|money|refund|amount|balance|funds|cash|extra|change)\b",
    )
});

/// "... one item change in my pending order (its shipping address stays as is)": the address
/// the trigger ends on is said to stay.
static ADDRESS_KEPT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:stays?|remains?|is (?:fine|correct|right|ok|okay|the same|unchanged|staying)|can stay|(?:does not|doesn'?t|won'?t|should not|shouldn'?t|need not|needn'?t) (?:change|need))\b",
    )
});

fn hits(sentence: &str, procedures: &Procedures, fallback: bool) -> Vec<(usize, String)> {
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    // "Any money back goes to my gift card", "If I get money back, please put it on my gift
    // card": where money goes, or a condition, is no request of its own
    if fallback && (DESTINATION.is_match(sentence) || OPENS_WITH_CONDITION.is_match(sentence)) {
        return Vec::new();
    }
    // every kind's asked-for spans, in text order
    let mut candidates: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for p in &procedures.procedures {
        let at: Vec<(usize, usize)> = if fallback {
            p.fallback_at(sentence)
                .map(|pos| (pos, pos))
                .into_iter()
                .collect()
        } else {
            p.trigger_spans(sentence)
        };
        let at: Vec<(usize, usize)> = at
            .into_iter()
            .filter(|(pos, end)| {
                let pays = (p.spec.request == "item_change"
                    && TO_PAYMENT.is_match(&sentence[*end..]))
                    || (p.spec.request == "return"
                        && MONEY_SENT_BACK.is_match(&sentence[*pos..*end]));
                let kept = p.spec.request == "order_address"
                    && ADDRESS_KEPT_AFTER.is_match(&sentence[*end..]);
                // "the same address my cancelled order was supposed to go to": an order
                // already cancelled, named by its state, asks for no cancellation
                let described = p.spec.request == "cancel"
                    && CANCELLED_WORD.is_match(&sentence[*pos..])
                    && DETERMINER_BEFORE.is_match(&sentence[..*pos]);
                !(not_asked_at(sentence, *pos)
                    || described
                    || NOUN_USE.is_match(&sentence[*end..])
                    || pays
                    || kept)
            })
            .collect();
        if at.is_empty() {
            continue;
        }
        let kind = p.spec.request.clone();
        match candidates.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, v)) => {
                v.extend(at);
                v.sort_unstable();
            }
            None => candidates.push((kind, at)),
        }
    }
    // each kind at its first span that no more specific kind's span overlaps (or starts
    // on the same word), else at its first span: "update the address on my account to ...,
    // and send my pending order there too" asks for the order's address at "send"
    candidates.sort_by_key(|(k, _)| rank(k));
    // a less specific kind's span that starts on the word of another span of a more specific
    // kind is that kind's trigger read twice ("I'd rather it was charged to my Visa, so could
    // you switch the payment over?": "switch" is the payment's, not an item change's)
    let shadowed = |kind: &str, pos: usize| {
        candidates.iter().any(|(k, at)| {
            rank(k) < rank(kind)
                && at
                    .iter()
                    .any(|(p, _)| word_start(sentence, *p) == word_start(sentence, pos))
        })
    };
    let mut kept: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for (kind, at) in &candidates {
        let at: Vec<(usize, usize)> = at
            .iter()
            .copied()
            .filter(|(pos, _)| !shadowed(kind, *pos))
            .collect();
        if !at.is_empty() {
            kept.push((kind.clone(), at));
        }
    }
    for (kind, at) in kept {
        let taken = |(pos, end): (usize, usize)| {
            spans.iter().any(|(p, e, _)| {
                word_start(sentence, *p) == word_start(sentence, pos) || (pos < *e && *p < end)
            })
        };
        let (pos, end) = at.iter().copied().find(|s| !taken(*s)).unwrap_or(at[0]);
        // "please exchange it for the linear one, and then in my pending order with the gold
        // smart watch change the hiking boots to size 8": a second request of the kind, for
        // the order named right before it
        let again: Vec<(usize, usize)> = at
            .iter()
            .copied()
            .filter(|(p, _)| *p > end)
            .filter(|(p, _)| {
                LEAD_IN
                    .find(&sentence[..*p])
                    .is_some_and(|m| m.start() >= end && ORDER_NAMED.is_match(m.as_str()))
            })
            .collect();
        spans.push((pos, end, kind.clone()));
        for (p, e) in again {
            spans.push((p, e, kind.clone()));
        }
    }
    // a span is covered by a more specific kind's span that starts inside it, or inside
    // which it starts ("my default address needs to be ...": the order's "address ... to"
    // is part of the account's request)
    let covered = |a: &(usize, usize, String)| {
        spans.iter().any(|b| {
            rank(&b.2) < rank(&a.2) && ((a.0 < b.0 && b.0 < a.1) || (b.0 < a.0 && a.0 < b.1))
        })
    };
    let mut best: Vec<(usize, String)> = spans
        .iter()
        .filter(|a| !covered(a))
        .map(|(pos, _, kind)| (*pos, kind.clone()))
        .collect();
    // same start: the most specific kind wins
    best.sort_by(|a, b| a.0.cmp(&b.0).then(rank(&a.1).cmp(&rank(&b.1))));
    let mut out: Vec<(usize, String)> = Vec::new();
    for (pos, kind) in best {
        let overlaps = out
            .last()
            .is_some_and(|(p, _)| word_start(sentence, *p) == word_start(sentence, pos));
        if !overlaps {
            out.push((pos, kind));
        }
    }
    out
}

fn word_start(s: &str, pos: usize) -> usize {
    s[..pos].rfind(char::is_whitespace).map_or(0, |i| i + 1)
}

/// Order ids a clause names, without those after "same as".
fn named_orders(clause: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (pos, id) in order_ids(clause) {
        if SAME_AS.is_match(&clause[..pos]) || clause[..pos].ends_with("'order_id': '") {
            continue;
        }
        if !out.iter().any(|(_, o)| *o == id) {
            out.push((pos, id));
        }
    }
    out
}

/// Splits the ticket into requests.
/// The router's intents do not create requests: a write needs the customer's
/// own words (a trigger); [`crate::OfflinePlanner`] asks when the router saw
/// a write intent and no trigger matched.
pub fn extract(text: &str, procedures: &Procedures) -> Vec<Request> {
    let text = restate(text);
    let sents = sentences(&text);
    let mut fallback = false;
    let mut per_sentence: Vec<Vec<(usize, String)>> =
        sents.iter().map(|s| hits(s, procedures, false)).collect();
    if per_sentence.iter().all(Vec::is_empty) {
        fallback = true;
        per_sentence = sents.iter().map(|s| hits(s, procedures, true)).collect();
    }
    let mut out = Vec::new();
    let mut context_order: Option<String> = None;
    for (i, s) in sents.iter().enumerate() {
        let h = &per_sentence[i];
        if h.is_empty() {
            if let Some((_, id)) = order_ids(s).last() {
                context_order = Some(id.clone());
            }
            continue;
        }
        let mut before = Vec::new();
        let mut j = i;
        while j > 0 && per_sentence[j - 1].is_empty() {
            j -= 1;
            before.insert(0, sents[j].as_str());
        }
        let mut after = Vec::new();
        let mut k = i + 1;
        while k < sents.len() && per_sentence[k].is_empty() {
            after.push(sents[k].as_str());
            k += 1;
        }
        // clause boundaries: each hit, moved back over a lead-in "for #W1234567,"
        let mut bounds: Vec<usize> = vec![0];
        for (pos, _) in h.iter().skip(1) {
            let prev = *bounds.last().unwrap_or(&0);
            let cut = LEAD_IN
                .find(&s[..*pos])
                .map_or(*pos, |m| m.start())
                .max(prev);
            // "...if you have it; if that isn't available, I'll return it": the condition
            // before the second request is that request's own
            let cut = CONDITION_LEAD
                .captures_iter(&s[prev..cut])
                .last()
                .and_then(|c| c.name("c"))
                .map_or(cut, |m| prev + m.start());
            bounds.push(cut.max(prev));
        }
        bounds.push(s.len());
        for (n, (_, kind)) in h.iter().enumerate() {
            let clause = &s[bounds[n]..bounds[n + 1]];
            // a later clause of the sentence continues the order named before it
            let clause_context = named_orders(&s[..bounds[n]])
                .last()
                .map(|(_, id)| id.clone())
                .or_else(|| context_order.clone());
            let named = named_orders(clause);
            let pieces: Vec<(&str, Vec<String>)> = if named.len() <= 1 {
                vec![(clause, named.iter().map(|(_, id)| id.clone()).collect())]
            } else {
                let mut v = Vec::new();
                for (m, (pos, id)) in named.iter().enumerate() {
                    let start = if m == 0 { 0 } else { *pos };
                    let end = named.get(m + 1).map_or(clause.len(), |(p, _)| *p);
                    v.push((&clause[start..end], vec![id.clone()]));
                }
                v
            };
            for (piece, ids) in pieces {
                let from = first_hit(piece, kind, procedures).unwrap_or(0);
                // taken back later in the clause, or in the sentences after it
                // ("If it has already shipped, never mind" takes nothing back: it is a
                // condition, unless it is settled to hold)
                let unconditional: Vec<&str> = after
                    .iter()
                    .copied()
                    .filter(|s| {
                        matches!(
                            condition_of(s),
                            None | Some(Condition::Outside { applies: true })
                        )
                    })
                    .collect();
                let later = format!("{} {}", &piece[from..], unconditional.join(" "));
                let retracted = negated_kinds(piece, procedures, from).contains(kind)
                    || (!QUESTION_KINDS.contains(&kind.as_str()) && takes_back(&later))
                    || LABEL_KEPT.is_match(&piece[from..]);
                // a condition in the clause, else the one that opens the sentence ("If it is
                // sold out, skip the exchange and just take the mat back"), else a bound or an
                // unmodelled condition in the sentences after it ("Only if it costs less than
                // $50.")
                // (only when the first request is taken back: the condition is then the
                // one on the request that replaces it)
                let first_withdrawn = out.last().is_some_and(|r: &Request| {
                    r.retracted && r.clause.as_str() == &s[bounds[0]..bounds[1]]
                });
                let opening = (n > 0 && first_withdrawn)
                    .then(|| &s[..bounds[1]])
                    .filter(|first| OPENS_WITH_CONDITION.is_match(first))
                    .and_then(condition_of);
                let condition = condition_of(piece).or(opening).or_else(|| {
                    after
                        .iter()
                        .filter(|s| about_the_store(s))
                        .filter_map(|s| condition_of(s).map(|c| c.on_the_request_before(s)))
                        .find(Condition::binds_the_request_before)
                });
                out.push(Request {
                    kind: kind.clone(),
                    clause: piece.to_owned(),
                    order_ids: ids,
                    context_order: clause_context.clone(),
                    before: before.join(" "),
                    after: after.join(" "),
                    explicit: !fallback,
                    retracted,
                    alone: false,
                    condition,
                    only: ONLY.is_match(&piece[..from]),
                    only_products: Vec::new(),
                });
            }
        }
        if let Some((_, id)) = order_ids(s).last() {
            context_order = Some(id.clone());
        }
    }
    fold_announced_payment(&mut out);
    out
}

/// "I should also like to change how it is paid for. At present it is on my PayPal account;
/// I would prefer my Visa card.": a payment change announced without a method, then asked
/// for with one in the next sentence, is one request, read where the method is named.
fn fold_announced_payment(out: &mut Vec<Request>) {
    let names_method = |text: &str| {
        let mut found = Vec::new();
        frontdesk_intent::entities::extract_payment_methods(text, &mut found);
        !found.is_empty()
    };
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        let folds = a.kind == "order_payment"
            && b.kind == "order_payment"
            && a.after.is_empty()
            && !names_method(&a.clause)
            && names_method(&b.clause)
            && (a.order_ids.is_empty() || b.order_ids.is_empty() || a.order_ids == b.order_ids);
        if folds {
            let a = out.remove(i);
            let b = &mut out[i];
            b.before = a.clause;
            if b.order_ids.is_empty() {
                b.order_ids = a.order_ids;
            }
            b.context_order = b.context_order.take().or(a.context_order);
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_named_as_cancelled_asks_for_no_cancellation() {
        assert!(
            kinds("Ship it to the same address my cancelled order was supposed to go to.")
                .iter()
                .all(|(k, _)| k != "cancel")
        );
        for text in [
            "I'd like my order with the lamp cancelled.",
            "Please cancel the order with the lamp.",
        ] {
            assert!(kinds(text).iter().any(|(k, _)| k == "cancel"), "{text}");
        }
    }

    fn kinds(text: &str) -> Vec<(String, Vec<String>)> {
        let p = Procedures::shipped().unwrap();
        extract(text, &p)
            .into_iter()
            .map(|r| (r.kind, r.order_ids))
            .collect()
    }

    #[test]
    fn an_order_sent_there_and_a_balance_asked_alone_are_requests() {
        let k = kinds("I'm starting a new job in Raleigh and that order should go there rather than to Charlotte.");
        assert!(k.iter().any(|(k, _)| k == "order_address"), "{k:?}");
        let k = kinds("I paid with my gift card and lost track of it. What's the current balance?");
        assert!(k.iter().any(|(k, _)| k == "account"), "{k:?}");
        // a statement of a balance asks nothing
        let k = kinds("The balance on it is low, so use my Visa.");
        assert!(!k.iter().any(|(k, _)| k == "account"), "{k:?}");
    }

    #[test]
    fn a_condition_opening_the_sentence_holds_for_each_of_its_requests() {
        let p = Procedures::shipped().unwrap();
        let r = extract(
            "If that pink one is sold out, skip the exchange and just take the green mat back for a refund.",
            &p,
        );
        let ret = r.iter().find(|r| r.kind == "return").expect("a return");
        assert_eq!(ret.condition, Some(Condition::IfUnavailable), "{r:#?}");
        assert!(
            r.iter()
                .filter(|r| r.kind == "item_change")
                .all(|r| r.retracted),
            "{r:#?}"
        );
    }

    #[test]
    fn a_label_line_that_keeps_its_value_asks_for_no_change() {
        let p = Procedures::shipped().unwrap();
        let r = extract(
            "2. PENDING ORDER\nShipping address: leave it alone - it can still go to Main Street.\nItem change: kettle to the induction one",
            &p,
        );
        let address: Vec<&Request> = r.iter().filter(|r| r.kind == "order_address").collect();
        assert!(address.iter().all(|r| r.retracted), "{r:#?}");
        let r = extract(
            "Summary: one item change in my pending order (its shipping address stays as is).",
            &p,
        );
        assert!(r.iter().all(|r| r.kind != "order_address"), "{r:#?}");
        let r = extract(
            "Shipping address: please change it to 12 Oak Street, Austin, TX 78701",
            &p,
        );
        assert!(
            r.iter().any(|r| r.kind == "order_address" && !r.retracted),
            "{r:#?}"
        );
    }

    #[test]
    fn a_refund_named_in_a_condition_asks_for_nothing() {
        // nothing else is read: the fallback words ("money back") in a condition are no request
        assert!(kinds(
            "If I get money back, please put it on my gift card. How much would that be?"
        )
        .iter()
        .all(|(k, _)| k != "cancel" && k != "return"));
    }

    #[test]
    fn the_order_named_before_a_second_request_is_its_own() {
        let p = Procedures::shipped().unwrap();
        let r = extract(
            "for the keyboard delivered to me, please exchange it for the linear one, and then in my pending order with the gold smart watch change the hiking boots to size 8",
            &p,
        );
        assert_eq!(r.len(), 2, "{r:#?}");
        assert!(!r[0].clause.contains("pending"), "{}", r[0].clause);
        assert!(
            r[1].clause.contains("in my pending order"),
            "{}",
            r[1].clause
        );
    }

    #[test]
    fn a_not_that_belongs_to_the_condition_does_not_negate_the_request() {
        let k = kinds("order with the espresso machine: if not shipped yet please cancel, placed it by mistake");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "cancel");
        assert!(kinds("if it's not possible don't cancel it").is_empty());
        assert!(kinds("I do not want to cancel it").is_empty());
    }

    #[test]
    fn a_condition_before_the_second_request_is_its_own() {
        let p = Procedures::shipped().unwrap();
        let r = extract(
            "I'd like to exchange it for the white one if you have it; if that isn't available, I'll just return it instead.",
            &p,
        );
        assert_eq!(r.len(), 2, "{r:#?}");
        assert!(
            r[0].clause.trim_end().ends_with("if you have it;"),
            "{}",
            r[0].clause
        );
        assert!(
            r[1].clause.starts_with("if that isn't available"),
            "{}",
            r[1].clause
        );
    }

    #[test]
    fn taking_an_item_back_is_a_return() {
        for t in [
            "Could you please take back the blue wireless earbuds that came with my laptop?",
            "Can you take the grill back? It arrived dented.",
            "I would like to give back the silver sunglasses which I received.",
            "I want to give the lamp back, it flickers.",
        ] {
            let k = kinds(t);
            assert_eq!(k.len(), 1, "{t}: {k:?}");
            assert_eq!(k[0].0, "return", "{t}");
        }
        assert!(kinds("I'll take the blue one instead.").is_empty());
        assert!(kinds("Please give me back my money for the difference.")
            .iter()
            .all(|(k, _)| k != "return"));
    }

    #[test]
    fn a_new_address_put_on_the_account_is_the_default_address() {
        let k = kinds("My new address is 1450 Wynkoop Street, Apt 702, Denver, CO 80202. Please update it on my account, and send my order with the desk lamp there as well.");
        assert!(k.iter().any(|(k, _)| k == "user_address"), "{k:?}");
        let k = kinds("Please note my new address: 1450 Wynkoop Street, Apt 702, Denver, CO 80202. Could you update it on my account, and also have my desk lamp order delivered there?");
        assert!(k.iter().any(|(k, _)| k == "user_address"), "{k:?}");
        assert!(k.iter().any(|(k, _)| k == "order_address"), "{k:?}");
    }

    #[test]
    fn changing_it_to_a_street_address_is_an_address_change() {
        let k = kinds("order #W5101035 is set to ship to my old place. pls change it to 1420 Walnut Street, Apt 3B, Philadelphia, PA 19102");
        assert!(k.iter().any(|(k, _)| k == "order_address"), "{k:?}");
        assert!(k.iter().all(|(k, _)| k != "item_change"), "{k:?}");
    }

    #[test]
    fn paying_with_one_method_not_another_is_a_payment_change() {
        let k =
            kinds("About my order with the backpack: I'd like to pay with PayPal, not my Visa.");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "order_payment");
        // where a difference goes is part of the change it pays for
        let k = kinds(
            "Could you change the speaker to blue? Any difference can go on PayPal, not the Visa.",
        );
        assert!(k.iter().all(|(k, _)| k != "order_payment"), "{k:?}");
    }

    #[test]
    fn charge_another_card_instead_and_an_orders_total_are_read() {
        let k = kinds("I paid with my gift card but can you charge my Mastercard instead?");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "order_payment");
        let k = kinds("In my e-reader order, could you switch to the 32GB version?");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "item_change");
        let k = kinds("If the bike comes in medium, please switch to that.");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "item_change");
        let k = kinds("My order was cancelled. How long does that normally take?");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "status");
        let k = kinds("The other one I'm keeping; can you remind me what its total was?");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "status");
    }

    #[test]
    fn where_money_goes_is_not_a_refund_request() {
        assert!(kinds("Any money back goes to my gift card.").is_empty());
        assert!(kinds(
            "If the new one works out cheaper, please send the difference back to my Mastercard."
        )
        .is_empty());
        assert_eq!(
            kinds("Please send the lamp back for me.")[0].0,
            "return",
            "items sent back are still a return"
        );
        assert!(kinds("The difference should go on my Visa, thanks.").is_empty());
        let asked = kinds("The lamp broke on day one. I want my money back.");
        assert_eq!(asked.len(), 1, "{asked:?}");
        assert_eq!(asked[0].0, "return");
    }

    #[test]
    fn one_request_per_clause() {
        let k = kinds("Cancel order #W6236251 because ordered by mistake. For #W1205816, change address to {'order_id': '#W1205816', 'address1': '629 Sunset Drive', 'address2': 'Suite 581', 'city': 'San Diego', 'country': 'USA', 'state': 'CA', 'zip': '92159'} (same as #W6236251). For #W1205816, change payment to gift_card_5715854.");
        assert_eq!(
            k,
            vec![
                ("cancel".to_owned(), vec!["#W6236251".to_owned()]),
                ("order_address".to_owned(), vec!["#W1205816".to_owned()]),
                ("order_payment".to_owned(), vec!["#W1205816".to_owned()]),
            ]
        );
    }

    #[test]
    fn reads_returns_and_addresses_written_as_nouns_and_places() {
        assert_eq!(
            kinds("Could you start a return for the blender from #W1111111?"),
            vec![("return".to_owned(), vec!["#W1111111".to_owned()])]
        );
        assert_eq!(
            kinds("Please ship #W2222222 to 12 Oak Road, Austin, TX 78701 instead."),
            vec![("order_address".to_owned(), vec!["#W2222222".to_owned()])]
        );
        assert_eq!(
            kinds("We moved last week, so please update my account details."),
            vec![("user_address".to_owned(), vec![])]
        );
        // a return of something already done is no request
        assert!(kinds("The return of the lamp went fine, thanks.").is_empty());
    }

    #[test]
    fn splits_two_kinds_in_one_sentence_and_skips_negations() {
        let k = kinds("I want to return the lamp from #W1111111 and for #W2222222, exchange the mouse for a white one. I don't want to cancel anything.");
        assert_eq!(k.len(), 2, "{k:?}");
        assert_eq!(k[0], ("return".to_owned(), vec!["#W1111111".to_owned()]));
        assert_eq!(
            k[1],
            ("item_change".to_owned(), vec!["#W2222222".to_owned()])
        );
    }

    #[test]
    fn no_right_before_the_request_word_asks_for_nothing() {
        assert!(kinds("No change to the tablet.").is_empty());
        assert!(kinds("No exchange needed for the kettle.").is_empty());
        // an answer "no" before a request leaves the request
        assert_eq!(kinds("No, change it to the blue one please.").len(), 1);
    }

    #[test]
    fn a_question_about_the_time_limit_asks_for_nothing() {
        assert!(
            kinds("How many days do I have to return the espresso machine I received?").is_empty()
        );
        assert!(kinds("What's the deadline to exchange the boots?").is_empty());
        // a request next to it stays one
        let k = kinds("How long will the refund take? I want to return the lamp.");
        assert!(k.iter().any(|(kind, _)| kind == "return"), "{k:?}");
        let k = kinds("My window blinds arrived broken, I want to return them.");
        assert_eq!(k.len(), 1, "{k:?}");
    }

    #[test]
    fn the_account_address_and_an_order_sent_there_are_two_requests() {
        let k = kinds("Update the address on my account to 3030 Blake Street, Unit 405, Denver, CO 80205, and send my pending order with the laptop there too.");
        let k: Vec<&str> = k.iter().map(|(kind, _)| kind.as_str()).collect();
        assert_eq!(k, vec!["user_address", "order_address"]);
        // one request: the account's address, given in the same clause
        let k = kinds(
            "Please update my account address to 4410 Duval Street, Unit 2, Austin, TX 78751.",
        );
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "user_address");
        // an order's address saved as the account's
        let k = kinds("I live where my keyboard order was shipped now, so can you save that address as the main address on my account?");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "user_address");
        // the address on file as a destination is the order's new address
        let k = kinds("Could you ship it to my home address on file instead?");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "order_address");
        for text in [
            "It's going to my old place, but I need it at my office instead.",
            "I'd rather have the package at our house in Tampa.",
        ] {
            let k = kinds(text);
            assert_eq!(k.len(), 1, "{text}: {k:?}");
            assert_eq!(k[0].0, "order_address", "{text}");
        }
    }

    #[test]
    fn a_return_of_a_number_of_things_is_a_return() {
        for text in [
            "I want to return two things from the order that had the lamp in it.",
            "I want to return every item except the camera.",
            "I'd like to return 3 of the mugs.",
        ] {
            let k = kinds(text);
            assert_eq!(k.len(), 1, "{text}: {k:?}");
            assert_eq!(k[0].0, "return", "{text}");
        }
    }

    #[test]
    fn nothing_else_takes_nothing_back() {
        let p = Procedures::shipped().expect("procedures");
        for text in [
            "Please cancel order #W1000066, I ordered it by mistake. I don't want to change anything else.",
            "My order #W1000066 was cancelled. How much was refunded for it? I don't want to change anything.",
        ] {
            let r = extract(text, &p);
            assert!(!r.is_empty(), "{text}");
            assert!(r.iter().all(|r| !r.retracted), "{text}: {r:#?}");
        }
    }

    #[test]
    fn a_request_taken_back_later_is_retracted() {
        let p = Procedures::shipped().unwrap();
        let r = extract(
            "I was going to return the tea kettle, but I've decided to keep it after all. Never mind!",
            &p,
        );
        assert!(r.iter().all(|r| r.retracted), "{r:#?}");
        // "...ok actually no, don't cancel it": the cancellation is taken back, the change
        // asked after it stands
        let r = extract(
            "Please cancel my order with the lamp. ...ok actually no, don't cancel it, I thought it over. Instead, change the lamp to the white one.",
            &p,
        );
        assert!(
            r.iter().filter(|r| r.kind == "cancel").all(|r| r.retracted),
            "{r:#?}"
        );
        assert!(
            r.iter().any(|r| r.kind == "item_change" && !r.retracted),
            "{r:#?}"
        );
        let kept = extract(
            "Please return everything from #W1111111 but keep the lamp.",
            &p,
        );
        assert!(kept.iter().all(|r| !r.retracted), "{kept:#?}");
    }

    #[test]
    fn a_wished_payment_and_a_payment_line_with_what_it_replaces_are_read() {
        for text in [
            "I'm keeping the speaker exactly as it is, I'd just rather it was paid from PayPal.",
            "I'd prefer the order to be paid with my Visa.",
            "payment method: Visa (instead of PayPal)",
            "Payment -> gift card, not the Mastercard",
        ] {
            let k = kinds(text);
            assert_eq!(k.len(), 1, "{text}: {k:?}");
            assert_eq!(k[0].0, "order_payment", "{text}");
        }
        // the wish and the "switch" after it are one request, not a payment change and an
        // item change
        let k = kinds(
            "I'd rather it was charged to my Visa (the one ending 9402), so could you switch the payment over?",
        );
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "order_payment");
        // announced, then asked for with the method: one request
        let k = kinds(
            "I should also like to change how it is paid for. At present it is on my PayPal account; I would prefer it to be charged to my Visa card instead.",
        );
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "order_payment");
        // where a difference goes is part of an item change, not a payment change
        for text in [
            "I'd rather the difference was paid from PayPal.",
            "Payment: PayPal for the difference",
        ] {
            assert!(
                kinds(text).iter().all(|(k, _)| k != "order_payment"),
                "{text}"
            );
        }
    }

    #[test]
    fn an_order_wanted_delivered_elsewhere_by_its_number_is_an_address_change() {
        let k =
            kinds("I'd rather have order #W3279695 delivered to my work address instead of home.");
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, "order_address");
    }

    #[test]
    fn what_an_order_came_to_is_its_total() {
        for text in [
            "I can't find the confirmation - could you tell me exactly what it came to?",
            "Can you tell me how much the order came to in the end?",
            "My pending order, the one with the kettle and the thermostat - what's the total on that?",
            "What is the total?",
        ] {
            assert_eq!(kinds(text)[0].0, "status", "{text}");
        }
        // what a difference comes to is part of the change it pays for
        let k = kinds(
            "Please charge the difference to my Mastercard and let me know what it comes to.",
        );
        assert!(k.iter().all(|(k, _)| k != "status"), "{k:?}");
        let k = kinds("Change the lamp to white. What's the total difference?");
        assert!(k.iter().all(|(k, _)| k != "status"), "{k:?}");
    }

    #[test]
    fn a_more_specific_request_inside_a_generic_trigger_wins() {
        assert_eq!(
            kinds(
                "For my other pending order I'd like to pay with PayPal instead of the gift card."
            )[0]
            .0,
            "order_payment"
        );
    }

    #[test]
    fn fallback_only_without_triggers() {
        assert_eq!(
            kinds("I'd like a full refund for the kettle.")[0].0,
            "cancel"
        );
        assert_eq!(kinds("Return the kettle for a full refund.").len(), 1);
    }
}
