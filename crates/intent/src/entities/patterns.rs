//! The regular-expression extractors, one function per entity kind.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

static ORDER_ID: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:#\s?W|\bW|#)(\d{7})\b"));
static ORDER_WORD_ID: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\border(?:\s+(?:id|number|no\.?|num))?\s*(?:is\s+)?[:#]?\s*(\d{7})\b")
});
static BARE_7: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{7})\b"));
static ITEM_ID: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{10}\b"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
});
static ZIP: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^\w$.,#-])(\d{5}(?:-\d{4})?)(?:$|[^\w%]|\.(?:\D|$))"));
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b\d{1,6}\s+(?:[A-Z][A-Za-z'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Square|Sq)\b\.?(?:,?\s+(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|#)\s*[A-Za-z0-9-]+)?(?:,\s*[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2}(?:,\s*[A-Z]{2})?(?:,?\s+\d{5}(?:-\d{4})?)?)?",
    )
});
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?P<sym>[$€£]|\b(?:usd|eur|gbp)\b)\s?(?P<n1>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|\b(?P<n2>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s?(?P<word>dollars?|bucks|usd|euros?|eur|pounds?|gbp)\b)",
    )
});
static GIFT_CARD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bgift[\s-]?cards?\b"));
static PAYPAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bpay\s?pal\b"));
static CREDIT_CARD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:credit|debit)\s+cards?\b"));
static CARD_BRAND: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(visa|master\s?card|amex|american express|discover)\b"));
static LAST_FOUR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:ending\s+(?:in|with)|ends\s+(?:in|with)|last\s+(?:four|4)(?:\s+digits)?(?:\s+(?:is|are|of))?|[x*]{2,}[\s-]*)\s*[:#]?\s*(\d{4})\b",
    )
});
static REASON_NOT_NEEDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:no longer need(?:ed|s)?|(?:do not|don['’]?t) need (?:it|them|this|that|these|those)(?: any ?more)?|not needed any ?more|changed my mind)\b",
    )
});
static REASON_MISTAKE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:ordered (?:it |them |this |that )?(?:by (?:mistake|accident)|accidentally|in error)|by mistake|by accident|accidentally (?:ordered|bought|placed)|mistakenly (?:ordered|bought|placed))\b",
    )
});
static NAME_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm|[Nn]ame:)\s+(?P<name>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,2})\b",
    )
});

/// Order ids: `#W1234567`, `W1234567`, `#1234567`, `order 1234567`, and bare
/// 7-digit numbers that are one of the customer's orders.
pub fn extract_order_ids(text: &str, customer: Option<&CustomerContext>, out: &mut Vec<Entity>) {
    for caps in ORDER_ID
        .captures_iter(text)
        .chain(ORDER_WORD_ID.captures_iter(text))
    {
        if let (Some(all), Some(d)) = (caps.get(0), caps.get(1)) {
            let start = if all.as_str().starts_with(['#', 'W', 'w']) {
                all.start()
            } else {
                d.start()
            };
            push(
                out,
                EntityKind::OrderId,
                format!("#W{}", d.as_str()),
                start,
                d.end(),
            );
        }
    }
    if let Some(ctx) = customer {
        for caps in BARE_7.captures_iter(text) {
            if let Some(d) = caps.get(1) {
                let id = format!("#W{}", d.as_str());
                if ctx.order_ids.iter().any(|o| o.eq_ignore_ascii_case(&id)) {
                    push(out, EntityKind::OrderId, id, d.start(), d.end());
                }
            }
        }
    }
}

/// E-mail addresses (value lower-cased, trailing dot excluded).
pub fn extract_emails(text: &str, out: &mut Vec<Entity>) {
    for m in EMAIL.find_iter(text) {
        push(
            out,
            EntityKind::Email,
            m.as_str().to_lowercase(),
            m.start(),
            m.end(),
        );
    }
}

/// 5-digit and ZIP+4 codes not part of a longer number, amount or id.
pub fn extract_zips(text: &str, out: &mut Vec<Entity>) {
    let mut pos = 0;
    while let Some(caps) = ZIP.captures_at(text, pos) {
        let Some(m) = caps.get(1) else { break };
        push(out, EntityKind::Zip, m.as_str(), m.start(), m.end());
        pos = m.end();
    }
}

/// 10-digit product or item ids.
pub fn extract_item_ids(text: &str, out: &mut Vec<Entity>) {
    for m in ITEM_ID.find_iter(text) {
        push(out, EntityKind::ItemId, m.as_str(), m.start(), m.end());
    }
}

/// US-style postal addresses: number, capitalised street name and suffix,
/// optional suite, optional city, state and zip.
pub fn extract_addresses(text: &str, out: &mut Vec<Entity>) {
    for m in ADDRESS.find_iter(text) {
        let trimmed = m.as_str().trim_end_matches([',', ' ']);
        push(
            out,
            EntityKind::Address,
            trimmed,
            m.start(),
            m.start() + trimmed.len(),
        );
    }
}

/// Amounts with a currency symbol, code or word; value `<number> <ISO code>`.
pub fn extract_amounts(text: &str, out: &mut Vec<Entity>) {
    for caps in AMOUNT.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let number = caps
            .name("n1")
            .or_else(|| caps.name("n2"))
            .map_or("", |m| m.as_str())
            .replace(',', "");
        let unit = caps
            .name("sym")
            .or_else(|| caps.name("word"))
            .map_or("", |m| m.as_str())
            .to_lowercase();
        let code = match unit.as_str() {
            "€" | "eur" | "euro" | "euros" => "EUR",
            "£" | "gbp" | "pound" | "pounds" => "GBP",
            _ => "USD",
        };
        push(
            out,
            EntityKind::Amount,
            format!("{number} {code}"),
            all.start(),
            all.end(),
        );
    }
}

/// Payment-method mentions.
pub fn extract_payment_methods(text: &str, out: &mut Vec<Entity>) {
    for m in GIFT_CARD.find_iter(text) {
        push(
            out,
            EntityKind::PaymentMethod,
            "gift_card",
            m.start(),
            m.end(),
        );
    }
    for m in PAYPAL.find_iter(text) {
        push(out, EntityKind::PaymentMethod, "paypal", m.start(), m.end());
    }
    for m in CREDIT_CARD.find_iter(text) {
        push(
            out,
            EntityKind::PaymentMethod,
            "credit_card",
            m.start(),
            m.end(),
        );
    }
    for m in CARD_BRAND.find_iter(text) {
        let brand = m.as_str().to_lowercase().replace(' ', "");
        let brand = if brand == "americanexpress" {
            "amex".to_string()
        } else {
            brand
        };
        push(
            out,
            EntityKind::PaymentMethod,
            format!("card_brand:{brand}"),
            m.start(),
            m.end(),
        );
    }
    for caps in LAST_FOUR.captures_iter(text) {
        if let (Some(all), Some(d)) = (caps.get(0), caps.get(1)) {
            push(
                out,
                EntityKind::PaymentMethod,
                format!("card_last_four:{}", d.as_str()),
                all.start(),
                all.end(),
            );
        }
    }
}

/// The store's two cancellation reasons.
pub fn extract_cancellation_reasons(text: &str, out: &mut Vec<Entity>) {
    for m in REASON_NOT_NEEDED.find_iter(text) {
        push(
            out,
            EntityKind::CancellationReason,
            "no longer needed",
            m.start(),
            m.end(),
        );
    }
    for m in REASON_MISTAKE.find_iter(text) {
        push(
            out,
            EntityKind::CancellationReason,
            "ordered by mistake",
            m.start(),
            m.end(),
        );
    }
}

/// Names after "my name is" / "this is" / "I am", capitalised.
pub fn extract_name_phrases(text: &str, out: &mut Vec<Entity>) {
    for caps in NAME_PHRASE.captures_iter(text) {
        if let Some(n) = caps.name("name") {
            push(out, EntityKind::PersonName, n.as_str(), n.start(), n.end());
        }
    }
}
