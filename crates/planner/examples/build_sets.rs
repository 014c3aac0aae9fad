//! Builds the retail evaluation sets (`eval/sets/retail_{dev,train}.jsonl`)
//! from tau-bench's labelled tasks: each second-person brief becomes the
//! customer's own first-person e-mail by a deterministic rewrite.
//!
//! ```text
//! cargo run -p frontdesk-planner --example build_sets -- [--data data/retail] [--out eval/sets]
//! ```
//! How the sets are built: `eval/build/README.md`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use frontdesk_planner::text::sentences;
use regex::{Captures, Regex};
use serde_json::{json, Value};

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("regex {p}: {e}"))
}

/// Write tools: only these go into `expect.actions`.
const WRITES: [&str; 7] = [
    "cancel_pending_order",
    "modify_pending_order_address",
    "modify_pending_order_payment",
    "modify_pending_order_items",
    "return_delivered_order_items",
    "exchange_delivered_order_items",
    "modify_user_address",
];

static PERSONA: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^You are (?:(?:and |very |a bit |quite |)[a-z]+(?:,\s*|\s+and\s+|\s*)?)+\.?$")
});
static NAME_ZIP: LazyLock<Regex> =
    LazyLock::new(|| re(r"^Your name is (.+?) and your zip code is (\d{5})\.?$"));
static NAME_EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^Your name is (.+?) and your email is (\S+?)\.?$"));
static NAME_ONLY: LazyLock<Regex> = LazyLock::new(|| re(r"^Your name is (.+?)(?: and (.*?))?\.?$"));
static LEAD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:You )?(?:should |want to |would like to )?(?:[Mm]ention|[Ee]mphasi[sz]e|[Ss]ay|[Tt]ell the agent|[Ee]xplain|[Ii]nsist|[Cc]larify|[Ss]tate|[Mm]ake sure to mention|[Mm]ake it clear))\s+that\s+",
    )
});
static CONTRACTIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?i:you're|you've|you'd|you'll|you are|you were|yourself|yours|your|you)\b")
});
static ME_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:to|for|with|at|give|gives|tell|tells|ask|asks|send|sends|help|helps|let|lets|offer|offers|from|than|about|contact|charge|refund|assist|provide|provides|show|shows|email|call|owe|owes)\s*$",
    )
});

fn swap(m: &Captures, before: &str) -> String {
    let w = &m[0];
    let lower = w.to_lowercase();
    let me_like = ME_CONTEXT.is_match(before);
    let out = match lower.as_str() {
        "you're" => "I'm",
        "you've" => "I've",
        "you'd" => "I'd",
        "you'll" => "I'll",
        "you are" => "I am",
        "you were" => "I was",
        "yourself" => "myself",
        "yours" => "mine",
        "your" => "my",
        _ if me_like => "me",
        _ => "I",
    };
    let start = before.trim_end().is_empty();
    if start && out.starts_with('m') {
        let mut c = out.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        out.to_owned()
    }
}

/// The deterministic second-person to first-person rewrite.
fn rewrite(brief: &str) -> String {
    let mut out = Vec::new();
    for s in sentences(brief) {
        let s = s.trim();
        if PERSONA.is_match(s) {
            continue;
        }
        if let Some(c) = NAME_ZIP.captures(s) {
            out.push(format!("I'm {}, zip code {}.", &c[1], &c[2]));
            continue;
        }
        if let Some(c) = NAME_EMAIL.captures(s) {
            out.push(format!("I'm {}, my email is {}.", &c[1], &c[2]));
            continue;
        }
        let s = if let Some(c) = NAME_ONLY.captures(s) {
            match c.get(2) {
                Some(rest) => format!("I'm {}, and {}.", &c[1], rest.as_str()),
                None => format!("I'm {}.", &c[1]),
            }
        } else {
            s.to_owned()
        };
        let s = LEAD_VERB.replace(&s, "").to_string();
        let mut rewritten = String::new();
        let mut last = 0;
        for m in CONTRACTIONS.captures_iter(&s) {
            let Some(all) = m.get(0) else { continue };
            rewritten.push_str(&s[last..all.start()]);
            let before = s[..all.start()].to_owned();
            rewritten.push_str(&swap(&m, &before));
            last = all.end();
        }
        rewritten.push_str(&s[last..]);
        let mut chars = rewritten.chars();
        let capitalised = chars
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default();
        out.push(capitalised);
    }
    out.join(" ")
}

/// The second message of every case, sent only when the agent waits for the customer: a
/// proposal that gets it is carried out, so a wrong proposal is a harmful write.
const CONFIRMATION: &str = "Yes, please go ahead.";

/// The part of the set a case belongs to. The train tasks are split by customer, so no
/// customer's tasks are on both sides: `train-tune` (about 70 %) for developing the planner,
/// `train-held` (about 30 %) for measuring it. The dev tasks are one part, `dev`.
fn part(split: &str, user_id: &str) -> &'static str {
    if split != "train" {
        return "dev";
    }
    // FNV-1a: stable across Rust versions and platforms, unlike std's hasher
    let hash = user_id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    if hash % 10 < 3 {
        "train-held"
    } else {
        "train-tune"
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = format!("{root}/data/retail");
    let mut out_dir = format!("{root}/eval/sets");
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--data" => data = v,
            "--out" => out_dir = v,
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let users: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{data}/users.json"))?)?;
    std::fs::create_dir_all(&out_dir)?;
    for (split, file) in [("dev", "tasks_dev.json"), ("train", "tasks_train.json")] {
        let tasks: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(format!("{data}/{file}"))?)?;
        let mut lines = Vec::new();
        for (n, t) in tasks.iter().enumerate() {
            let user_id = t["user_id"].as_str().unwrap_or_default();
            let email = users
                .get(user_id)
                .and_then(|u| u["email"].as_str())
                .unwrap_or_default();
            // sent from the customer's own address, as the held-out sets are
            let customer = json!({ "email": email });
            let actions: Vec<Value> = t["actions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|a| WRITES.contains(&a["name"].as_str().unwrap_or_default()))
                .map(|a| json!({ "name": a["name"], "arguments": a["kwargs"] }))
                .collect();
            let outputs = t["outputs"].as_array().cloned().unwrap_or_default();
            let disposition = if actions.is_empty() && outputs.is_empty() {
                "either"
            } else {
                "resolve"
            };
            let case = json!({
                "id": format!("{split}-{n}"),
                "channel": "email",
                "customer": customer,
                "subject": "Order help",
                "messages": [rewrite(t["instruction"].as_str().unwrap_or_default()), CONFIRMATION],
                "expect": { "disposition": disposition, "actions": actions, "outputs": outputs },
                "tags": [part(split, user_id)],
            });
            lines.push(serde_json::to_string(&case)?);
        }
        let path = format!("{out_dir}/retail_{split}.jsonl");
        std::fs::write(&path, lines.join("\n") + "\n")?;
        eprintln!("{path}: {} cases", lines.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_to_first_person() {
        let r = rewrite("Your name is Olivia Ito and your zip code is 80218. You are outgoing, flexible, pessimistic, organized, logical. You've ordered an item (#W5442520) from this shop. You want the agent to help you.");
        assert_eq!(r, "I'm Olivia Ito, zip code 80218. I've ordered an item (#W5442520) from this shop. I want the agent to help me.");
    }
}
