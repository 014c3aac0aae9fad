//! Resolving a request's slots against the customer's real data: which
//! order, which items, which target variants, which payment method, which
//! address, which reason. Each slot either resolves or becomes one question;
//! a write is proposed only when every slot resolved and every precondition
//! holds.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use frontdesk_intent::entities::{extract_cancellation_reasons, extract_payment_methods};
use regex::Regex;
use serde_json::{json, Value};

use crate::customer::{Customer, Item};
use crate::requests::Request;
use crate::text::{addresses, dicts, normalise, order_ids, payment_ids, Address};
use crate::variant::{
    mention, option_mentions, option_space, preference, target_variant, VariantProblem,
};
use crate::{Procedure, Procedures, ProposedWrite};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

static ALL_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:all (?:the |of the |my )?(?:items|products|things)|everything|entire order|whole order|all of (?:it|them)|the order|the (?:items|products|things)|them all)\b",
    )
});
static BOTH: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:both|all|each|two|every)\b"));
static MISTAKE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:by mistake|mistaken|accident(?:ally)?|wrong (?:item|order)|ordered (?:it )?wrongly)\b",
    )
});
static ORDER_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\border\b[^.]{0,30}?\b(?:ends?|ending)\s+(?:in|with)\s+(\d{2,6})\b"));
static EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:except(?: for)?|but not|other than|apart from|besides|excluding|but keep|keep the)\b",
    )
});
static NOT_THIS_METHOD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:instead of|rather than|from|not|than|originally|paid (?:with|by|using|via|on)|bought (?:it )?(?:with|on))\s+(?:my |the |a |your |that )?$",
    )
});
static PENDING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:pending|not (?:yet )?(?:shipped|arrived|received)|hasn'?t (?:shipped|arrived))\b")
});
static DELIVERED_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:delivered|received|arrived|got)\b"));
static STORE_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:store|website|site|shop|account) credit\b"));
static CHANGED_MIND: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:change[sd]? (?:my|his|her|their) mind|actually|on second thought|after all)\b")
});
static SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:to|for|into|with)\b"));
static SAME_AS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bsame (?:address )?as\b"));
static DEFAULT_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:default|account|profile|home|on file|my current) address\b|\baddress on file\b")
});

/// What became of one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Every slot resolved: the write to propose, by the named procedure.
    Write(Box<ProposedWrite>, String),
    /// A slot is missing or ambiguous: the question to ask.
    Ask(String),
    /// A precondition fails (status, ownership): the fact to tell.
    Refuse(String),
    /// A read-only request answered by these facts.
    Facts(Vec<String>),
}

fn money(x: f64) -> String {
    format!("${:.2}", x.abs())
}

/// Resolves one request.
pub fn resolve(
    req: &Request,
    customer: &Customer,
    procedures: &Procedures,
    full_text: &str,
) -> Resolution {
    if req.kind == "status" {
        return Resolution::Facts(status_facts(req, customer));
    }
    if req.kind == "product_info" {
        return Resolution::Facts(product_facts(req, customer));
    }
    if req.kind == "user_address" {
        return user_address(req, customer, procedures, full_text);
    }
    let kinds: Vec<&str> = if !req.explicit && (req.kind == "cancel" || req.kind == "return") {
        vec!["cancel", "return"]
    } else {
        vec![req.kind.as_str()]
    };
    let accepts = |status: &str| {
        kinds
            .iter()
            .any(|k| procedures.for_status(k, status).is_some())
    };
    let order_id = match pick_order(req, customer, &accepts) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let status = customer.status(&order_id).to_owned();
    let Some(procedure) = kinds.iter().find_map(|k| procedures.for_status(k, &status)) else {
        return Resolution::Refuse(format!(
            "Order {order_id} is {status}, so it cannot be {}.",
            verb(&req.kind)
        ));
    };
    let ctx = Ctx {
        req,
        customer,
        procedures,
        full_text,
        order_id: &order_id,
        procedure,
    };
    match procedure.spec.tool.as_deref() {
        Some("cancel_pending_order") => ctx.cancel(),
        Some("return_delivered_order_items") => ctx.return_items(),
        Some("exchange_delivered_order_items") | Some("modify_pending_order_items") => {
            ctx.change_items()
        }
        Some("modify_pending_order_address") => ctx.order_address(),
        Some("modify_pending_order_payment") => ctx.order_payment(),
        _ => Resolution::Facts(status_facts(req, customer)),
    }
}

fn verb(kind: &str) -> &'static str {
    match kind {
        "cancel" => "cancelled",
        "return" => "returned",
        "item_change" => "exchanged or modified",
        "order_address" => "given a new address",
        "order_payment" => "paid with another method",
        _ => "changed",
    }
}

/// One place where the text names a product of the order.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset in the normalised text.
    pub pos: usize,
    /// Byte offset just past the name in the normalised text.
    pub end: usize,
    /// Product name.
    pub name: String,
    /// The order's items of that product.
    pub items: Vec<Item>,
}

/// Every place `raw` names a product among `items`, in text order. Where
/// names overlap ("action camera" / "camera"), the longer one wins.
pub fn mentions(raw: &str, items: &[Item]) -> Vec<Mention> {
    let norm = normalise(raw);
    let mut names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut spans: Vec<(usize, usize, usize, &str)> = Vec::new();
    for name in &names {
        for alias in crate::variant::aliases(name) {
            let strength = alias.split(' ').count();
            let mut start = 0;
            while let Some(pos) = norm
                .get(start..)
                .and_then(|h| crate::variant::find_words(h, &alias))
            {
                let p = start + pos;
                // a quoted word is a dict key or value ('set type'), not a product
                if !norm[..p].ends_with('\'') {
                    spans.push((p, p + alias.len(), strength, name));
                }
                start = p + alias.len();
            }
        }
    }
    spans.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut kept: Vec<(usize, usize, usize, &str)> = Vec::new();
    for sp in spans {
        if !kept.iter().any(|k| sp.0 < k.1 && k.0 < sp.1) {
            kept.push(sp);
        }
    }
    kept.sort_by_key(|k| k.0);
    kept.into_iter()
        .map(|(pos, end, _, name)| Mention {
            pos,
            end,
            name: name.to_owned(),
            items: items.iter().filter(|i| i.name == name).cloned().collect(),
        })
        .collect()
}

/// Items named in `raw` among `items`, with the normalised offset of the mention.
pub fn mentioned_items(raw: &str, items: &[Item]) -> Vec<(Item, usize)> {
    mentions(raw, items)
        .into_iter()
        .flat_map(|m| m.items.into_iter().map(move |i| (i, m.pos)))
        .collect()
}

impl Resolution {
    fn ask(q: impl Into<String>) -> Resolution {
        Resolution::Ask(q.into())
    }
}

fn pick_order(
    req: &Request,
    customer: &Customer,
    accepts: &dyn Fn(&str) -> bool,
) -> Result<String, Resolution> {
    if let Some(id) = req.order_ids.first() {
        if !customer.orders.contains_key(id) {
            return Err(Resolution::ask(format!(
                "I could not find order {id} on your account. Could you check the order number?"
            )));
        }
        return Ok(id.clone());
    }
    for text in [req.clause.as_str(), req.before.as_str()] {
        if let Some(c) = ORDER_SUFFIX.captures(text) {
            let digits = c.get(1).map_or("", |m| m.as_str());
            let fits: Vec<&String> = customer
                .orders
                .keys()
                .filter(|id| id.ends_with(digits))
                .collect();
            if fits.len() == 1 {
                return Ok(fits[0].clone());
            }
        }
    }
    // "I want to cancel my order. The number is #W1234567." (or the answer to our question)
    let mut later: Vec<String> = order_ids(&req.after)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    later.dedup();
    if later.len() == 1 && req.context_order.is_none() && customer.orders.contains_key(&later[0]) {
        return Ok(later[0].clone());
    }
    let scope_texts = [req.clause.as_str(), req.before.as_str()];
    for text in scope_texts {
        let mut holders: Vec<String> = Vec::new();
        let mut elsewhere: Vec<String> = Vec::new();
        for id in customer.orders.keys() {
            if mentioned_items(text, &customer.items(id)).is_empty() {
                continue;
            }
            if accepts(customer.status(id)) {
                holders.push(id.clone());
            } else {
                elsewhere.push(id.clone());
            }
        }
        if let Some(ctx) = &req.context_order {
            if holders.contains(ctx) {
                return Ok(ctx.clone());
            }
        }
        match holders.len() {
            1 => return Ok(holders[0].clone()),
            0 if !elsewhere.is_empty() => {
                if let Some(ctx) = &req.context_order {
                    if elsewhere.contains(ctx) {
                        return Ok(ctx.clone());
                    }
                }
                if elsewhere.len() == 1 {
                    return Ok(elsewhere[0].clone());
                }
            }
            0 => {}
            _ => {
                // "my pending order" / "the one I received" narrows it down
                let pending = PENDING_WORD.is_match(text);
                let delivered = DELIVERED_WORD.is_match(text);
                let narrowed: Vec<&String> = holders
                    .iter()
                    .filter(|id| {
                        let st = customer.status(id);
                        (pending && !delivered && st.starts_with("pending"))
                            || (delivered && !pending && st == "delivered")
                    })
                    .collect();
                if narrowed.len() == 1 {
                    return Ok(narrowed[0].clone());
                }
                return Err(Resolution::ask(format!(
                    "Which order do you mean: {}?",
                    holders.join(" or ")
                )));
            }
        }
    }
    if let Some(ctx) = &req.context_order {
        // "I received #W1 ... I also want to cancel my pending order": the
        // order named earlier does not fit, the customer says which does
        let redirected = !accepts(customer.status(ctx)) && PENDING_WORD.is_match(&req.clause);
        if customer.orders.contains_key(ctx) && !redirected {
            return Ok(ctx.clone());
        }
    }
    let open: Vec<&String> = customer
        .orders
        .keys()
        .filter(|id| accepts(customer.status(id)))
        .collect();
    if open.len() == 1 {
        return Ok(open[0].clone());
    }
    Err(Resolution::ask(if open.is_empty() {
        "Which order is this about? Please send the order number (it looks like #W1234567)."
            .to_owned()
    } else {
        format!(
            "Which order is this about: {}?",
            open.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }))
}

struct Ctx<'a> {
    req: &'a Request,
    customer: &'a Customer,
    procedures: &'a Procedures,
    full_text: &'a str,
    order_id: &'a str,
    procedure: &'a Procedure,
}

impl Ctx<'_> {
    fn write(&self, args: Value, summary: String) -> ProposedWrite {
        ProposedWrite {
            tool: self.procedure.spec.tool.clone().unwrap_or_default(),
            args,
            summary,
            user_id: self.customer.user_id.clone(),
            order_id: Some(self.order_id.to_owned()),
            item_count: 0,
            refund_amount: None,
            charge_amount: None,
            price_difference: None,
            payment_method_id: None,
            payment_method_label: None,
        }
    }

    fn done(&self, w: ProposedWrite) -> Resolution {
        Resolution::Write(Box::new(w), self.procedure.spec.name.clone())
    }

    fn cancel(&self) -> Resolution {
        // cancelling is for whole orders: naming some of its items is not consent to cancel the rest
        if self.req.order_ids.is_empty() {
            let items = self.customer.items(self.order_id);
            let named = mentions(&self.req.clause, &items);
            let covered: usize = named.iter().map(|m| m.items.len()).sum();
            if !named.is_empty() && covered < items.len() {
                return Resolution::ask(format!(
                    "Order {} holds {}. A pending order can only be cancelled as a whole: should I cancel the whole order, or change its items instead?",
                    self.order_id,
                    items.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
        }
        let reason = cancel_reason(&self.req.clause)
            .or_else(|| cancel_reason(self.full_text))
            .or_else(|| {
                let d = &self.procedures.defaults.cancel_reason;
                (!d.is_empty()).then(|| d.clone())
            });
        let Some(reason) = reason else {
            return Resolution::ask(format!(
                "Why would you like to cancel order {}: is it no longer needed, or was it ordered by mistake?",
                self.order_id
            ));
        };
        let paid = self.customer.paid(self.order_id);
        let mut w = self.write(
            json!({ "order_id": self.order_id, "reason": reason }),
            format!("cancel order {} ({reason})", self.order_id),
        );
        w.refund_amount = Some(paid);
        w.payment_method_id = self.customer.original_payment(self.order_id);
        w.payment_method_label = w
            .payment_method_id
            .as_ref()
            .map(|p| self.customer.payment_label(p));
        self.done(w)
    }

    /// Items of the order the request names, or a question.
    fn items(&self) -> Result<Vec<(Item, usize)>, Resolution> {
        let items = self.customer.items(self.order_id);
        let mut source = self.req.clause.as_str();
        if let Some(m) = EXCEPT.find(source) {
            let (kept, excluded) = (&source[..m.start()], &source[m.start()..]);
            let out_named = mentions(excluded, &items);
            if ALL_ITEMS.is_match(kept) && self.req.kind != "item_change" {
                if out_named.iter().any(|m| m.items.len() > 1) {
                    return Err(Resolution::ask(format!(
                        "Order {} has several of the items you want to keep. Which ones should stay?",
                        self.order_id
                    )));
                }
                let keep: Vec<&str> = out_named
                    .iter()
                    .flat_map(|m| m.items.iter().map(|i| i.item_id.as_str()))
                    .collect();
                let rest: Vec<(Item, usize)> = items
                    .iter()
                    .filter(|i| !keep.contains(&i.item_id.as_str()))
                    .map(|i| (i.clone(), 0))
                    .collect();
                if rest.is_empty() || keep.is_empty() {
                    return Err(Resolution::ask(format!(
                        "Which items of order {} do you mean: {}?",
                        self.order_id,
                        items.iter().map(Item::label).collect::<Vec<_>>().join("; ")
                    )));
                }
                return Ok(rest);
            }
            if !out_named.is_empty() {
                source = kept;
            }
        }
        let mut found = mentions(source, &items);
        if found.is_empty() && ALL_ITEMS.is_match(source) && self.req.kind != "item_change" {
            return Ok(items.into_iter().map(|i| (i, 0)).collect());
        }
        if found.is_empty() {
            source = self.req.before.as_str();
            found = mentions(source, &items);
        }
        if found.is_empty() {
            if items.len() == 1 {
                return Ok(vec![(items[0].clone(), 0)]);
            }
            return Err(Resolution::ask(format!(
                "Which items of order {} do you mean: {}?",
                self.order_id,
                items.iter().map(Item::label).collect::<Vec<_>>().join("; ")
            )));
        }
        let norm = normalise(source);
        let mut used: Vec<usize> = Vec::new();
        let index_of = |it: &Item, used: &[usize]| {
            items
                .iter()
                .enumerate()
                .position(|(n, i)| i.item_id == it.item_id && !used.contains(&n))
        };
        let mut out: Vec<(Item, usize)> = Vec::new();
        for (n, m) in found.iter().enumerate() {
            // "exchange the mouse for a white mouse": the second is the target, not an item
            if let Some(prev) = found[..n].iter().rev().find(|p| p.name == m.name) {
                let between = &norm[prev.end..m.pos];
                if self.req.kind == "item_change"
                    && SPLIT.is_match(between)
                    && !source_has_separator(source, prev.pos, m.pos)
                {
                    continue;
                }
            }
            let free: Vec<&Item> = m
                .items
                .iter()
                .filter(|i| index_of(i, &used).is_some())
                .collect();
            if free.is_empty() {
                continue;
            }
            let next = found
                .get(n + 1)
                .map_or(source.len(), |x| raw_pos(source, x.pos));
            let prev_end = if n == 0 {
                0
            } else {
                raw_pos(source, found[n - 1].end)
            };
            let start = raw_pos(source, m.pos);
            let segment = &source[start.min(next)..next];
            let before = &source[prev_end.min(start)..start];
            let dict = dicts(segment).into_iter().next();
            let cut = SPLIT.find(segment).map_or(segment.len(), |x| x.start());
            let describing = normalise(&format!("{before} {}", &segment[..cut]));
            let score = |it: &Item| -> usize {
                if let Some(d) = &dict {
                    if !d.pairs.is_empty() {
                        return if d.pairs.iter().all(|(k, v)| it.options.get(k) == Some(v)) {
                            100
                        } else {
                            0
                        };
                    }
                }
                it.options
                    .values()
                    .filter(|v| crate::text::contains_words(&describing, &normalise(v)))
                    .count()
            };
            let best = free.iter().map(|i| score(i)).max().unwrap_or(0);
            let top: Vec<&Item> = free.iter().copied().filter(|i| score(i) == best).collect();
            let distinct: std::collections::BTreeSet<&str> =
                top.iter().map(|i| i.item_id.as_str()).collect();
            let chosen: Vec<&Item> = if distinct.len() == 1 {
                if BOTH.is_match(segment) && best == 0 {
                    top.clone()
                } else {
                    vec![top[0]]
                }
            } else if best == 0 && BOTH.is_match(source) {
                free.clone()
            } else {
                return Err(Resolution::ask(format!(
                    "Order {} has several {}: {}. Which one do you mean?",
                    self.order_id,
                    m.name,
                    top.iter().map(|i| i.label()).collect::<Vec<_>>().join("; ")
                )));
            };
            for it in chosen {
                if let Some(ix) = index_of(it, &used) {
                    used.push(ix);
                    out.push((it.clone(), m.pos));
                }
            }
        }
        Ok(out)
    }

    fn return_items(&self) -> Resolution {
        let items = match self.items() {
            Ok(i) => i,
            Err(r) => return r,
        };
        let method = match self.refund_method() {
            Ok(m) => m,
            Err(r) => return r,
        };
        let ids: Vec<String> = items.iter().map(|(i, _)| i.item_id.clone()).collect();
        let total: f64 = items.iter().map(|(i, _)| i.price).sum();
        let label = self.customer.payment_label(&method);
        let names: Vec<String> = items.iter().map(|(i, _)| i.name.clone()).collect();
        let mut w = self.write(
            json!({ "order_id": self.order_id, "item_ids": ids, "payment_method_id": method }),
            format!(
                "return {} from order {}, refund {} to {label}",
                names.join(", "),
                self.order_id,
                money(total)
            ),
        );
        w.item_count = items.len();
        w.refund_amount = Some(round2(total));
        w.payment_method_id = Some(method);
        w.payment_method_label = Some(label);
        self.done(w)
    }

    fn change_items(&self) -> Resolution {
        let items = match self.items() {
            Ok(i) => i,
            Err(r) => return r,
        };
        let mut pairs: Vec<(Item, String, f64)> = Vec::new();
        for (n, (item, pos)) in items.iter().enumerate() {
            let next = items.get(n + 1).map(|(_, p)| *p).filter(|p| p > pos);
            match self.target(item, *pos, next) {
                Ok((id, price)) => pairs.push((item.clone(), id, price)),
                Err(r) => return r,
            }
        }
        let diff: f64 = round2(pairs.iter().map(|(i, _, p)| p - i.price).sum());
        let method = match self.difference_method(diff) {
            Ok(m) => m,
            Err(r) => return r,
        };
        let label = self.customer.payment_label(&method);
        let old: Vec<String> = pairs.iter().map(|(i, _, _)| i.item_id.clone()).collect();
        let new: Vec<String> = pairs.iter().map(|(_, n, _)| n.clone()).collect();
        let what = if self.procedure.spec.tool.as_deref() == Some("exchange_delivered_order_items")
        {
            "exchange"
        } else {
            "modify"
        };
        let names: Vec<String> = pairs.iter().map(|(i, _, _)| i.name.clone()).collect();
        let money_line = if diff > 0.0 {
            format!("charge {} to {label}", money(diff))
        } else if diff < 0.0 {
            format!("refund {} to {label}", money(diff))
        } else {
            "no price difference".to_owned()
        };
        let mut w = self.write(
            json!({ "order_id": self.order_id, "item_ids": old, "new_item_ids": new, "payment_method_id": method }),
            format!("{what} {} in order {}; {money_line}", names.join(", "), self.order_id),
        );
        w.item_count = pairs.len();
        w.price_difference = Some(diff);
        if diff > 0.0 {
            w.charge_amount = Some(diff);
        } else if diff < 0.0 {
            w.refund_amount = Some(-diff);
        }
        w.payment_method_id = Some(method);
        w.payment_method_label = Some(label);
        self.done(w)
    }

    /// The target variant of one item: (item id, price).
    fn target(
        &self,
        item: &Item,
        pos: usize,
        next: Option<usize>,
    ) -> Result<(String, f64), Resolution> {
        let Some(product) = self.customer.products.get(&item.product_id) else {
            return Err(Resolution::ask(format!(
                "Which {} would you like instead?",
                item.name
            )));
        };
        let clause = &self.req.clause;
        let start = raw_pos(clause, pos);
        let end = next.map_or(clause.len(), |n| raw_pos(clause, n));
        let segment = &clause[start.min(end)..end];
        let ds = dicts(segment);
        let space = option_space(product);
        let (changes, pref, explicit_same) = if ds.len() >= 2 {
            let target = &ds[1].pairs;
            let valid = target
                .iter()
                .all(|(k, v)| space.get(k).is_some_and(|vals| vals.contains(v)));
            if !valid {
                return Err(Resolution::ask(format!(
                    "The {} does not come with {:?}. Which options would you like?",
                    item.name, target
                )));
            }
            (target.clone(), None, target.is_empty())
        } else {
            let mut target_text = match SPLIT.find(segment) {
                Some(m) => segment[m.start()..].to_owned(),
                None => match SPLIT.find(clause) {
                    Some(m) => clause[m.start()..].to_owned(),
                    None => segment.to_owned(),
                },
            };
            let others: Vec<Item> = self
                .customer
                .items(self.order_id)
                .into_iter()
                .filter(|i| i.name != item.name)
                .collect();
            for s in crate::text::sentences(&self.req.after) {
                let norm = normalise(&s);
                let names_it = mention(&norm, &item.name).is_some();
                let names_other = others.iter().any(|o| mention(&norm, &o.name).is_some());
                if names_it || !names_other {
                    target_text.push(' ');
                    target_text.push_str(&s);
                }
            }
            if let Some(m) = CHANGED_MIND.find_iter(&target_text).last() {
                target_text = target_text[m.end()..].to_owned();
            }
            let mentions = option_mentions(&target_text, product);
            let mut changes = BTreeMap::new();
            for (k, vals) in mentions {
                let differing: Vec<String> = vals
                    .into_iter()
                    .filter(|v| item.options.get(&k) != Some(v))
                    .collect();
                match differing.len() {
                    0 => {}
                    1 => {
                        changes.insert(k, differing[0].clone());
                    }
                    _ => {
                        return Err(Resolution::ask(format!(
                            "Which {k} would you like for the {}: {}?",
                            item.name,
                            differing.join(" or ")
                        )))
                    }
                }
            }
            (changes, preference(&target_text), false)
        };
        if changes.is_empty() && pref.is_none() && !explicit_same {
            return Err(Resolution::ask(format!(
                "What would you like instead of your {}? Options: {}.",
                item.label(),
                describe_space(&space)
            )));
        }
        match target_variant(item, product, &changes, pref) {
            Ok(v) => {
                if v.item_id == item.item_id && !explicit_same {
                    return Err(Resolution::ask(format!(
                        "Your {} already has those options. What would you like to change?",
                        item.label()
                    )));
                }
                Ok((v.item_id, v.price))
            }
            Err(VariantProblem::Several(list)) => Err(Resolution::ask(format!(
                "Several {} fit: {}. Which one would you like?",
                item.name,
                list.iter()
                    .take(6)
                    .map(|v| format!("{} at {}", fmt_opts(&v.options), money(v.price)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))),
            Err(VariantProblem::Unavailable(desired)) => Err(Resolution::ask(format!(
                "The {} with {} is not available. Would another option work? Options: {}.",
                item.name,
                fmt_opts(&desired),
                describe_space(&space)
            ))),
            Err(VariantProblem::Conflicting(k)) => Err(Resolution::ask(format!(
                "Which {k} would you like for the {}?",
                item.name
            ))),
        }
    }

    /// A payment method the customer names in the clause, else anywhere in the ticket.
    fn named_method(&self) -> Result<Option<String>, Resolution> {
        let mut scopes = vec![self.req.clause.as_str(), self.req.after.as_str()];
        if self.req.alone {
            scopes.push(self.full_text);
        }
        let options = || {
            self.customer
                .payment_methods()
                .iter()
                .map(|(id, _)| self.customer.payment_label(id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for text in scopes {
            if self.procedures.names_unsupported_payment(text) {
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
            let mut ents = Vec::new();
            extract_payment_methods(text, &mut ents);
            // "to PayPal instead of the credit card": the card is what to move away from
            ents.retain(|e| !NOT_THIS_METHOD.is_match(&text[..e.start]));
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
                let source = crate::customer::s(m, "source");
                let ok = ents.iter().all(|e| {
                    let v = e.value.as_str();
                    match v {
                        "gift_card" => source == "gift_card",
                        "paypal" => source == "paypal",
                        "credit_card" => source == "credit_card",
                        _ => {
                            if let Some(b) = v.strip_prefix("card_brand:") {
                                source == "credit_card"
                                    && crate::customer::s(m, "brand").to_lowercase() == b
                            } else if let Some(d) = v.strip_prefix("card_last_four:") {
                                crate::customer::s(m, "last_four") == d
                            } else {
                                false
                            }
                        }
                    }
                });
                if ok {
                    fits.push(id.clone());
                }
            }
            match fits.len() {
                1 => return Ok(Some(fits[0].clone())),
                0 => {
                    return Err(Resolution::ask(format!(
                        "I could not find that payment method on your account; the ones on file are {}. Which one should I use?",
                        options()
                    )))
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

    fn original(&self) -> Option<String> {
        self.customer
            .original_payment(self.order_id)
            .filter(|p| self.customer.has_payment(p))
    }

    fn refund_method(&self) -> Result<String, Resolution> {
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

    fn difference_method(&self, diff: f64) -> Result<String, Resolution> {
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

    fn order_payment(&self) -> Resolution {
        let current = self.customer.original_payment(self.order_id);
        let method = match self.named_method() {
            Ok(Some(m)) => m,
            Ok(None) => {
                return Resolution::ask(format!(
                    "Which payment method would you like to pay for order {} with?",
                    self.order_id
                ))
            }
            Err(r) => return r,
        };
        if Some(&method) == current.as_ref() {
            return Resolution::Refuse(format!(
                "Order {} is already paid with your {}.",
                self.order_id,
                self.customer.payment_label(&method)
            ));
        }
        let paid = self.customer.paid(self.order_id);
        if let Some(balance) = self.customer.gift_balance(&method) {
            if balance < paid {
                return Resolution::Refuse(format!(
                    "Your gift card balance ({}) does not cover order {} ({}), so the payment method was not changed.",
                    money(balance),
                    self.order_id,
                    money(paid)
                ));
            }
        }
        let label = self.customer.payment_label(&method);
        let mut w = self.write(
            json!({ "order_id": self.order_id, "payment_method_id": method }),
            format!("pay order {} with {label} instead", self.order_id),
        );
        w.charge_amount = Some(paid);
        w.refund_amount = Some(paid);
        w.payment_method_id = Some(method);
        w.payment_method_label = Some(label);
        self.done(w)
    }

    fn order_address(&self) -> Resolution {
        let Some(address) = pick_address(self.req, self.customer, self.full_text, true) else {
            return Resolution::ask(format!(
                "What is the new shipping address for order {} (street, apartment or suite, city, state, zip)?",
                self.order_id
            ));
        };
        let mut args = json!({ "order_id": self.order_id });
        merge(&mut args, address.to_json());
        let w = self.write(
            args,
            format!("ship order {} to {}", self.order_id, address.line()),
        );
        self.done(w)
    }
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), from) {
        a.extend(b);
    }
}

fn pick_address(
    req: &Request,
    customer: &Customer,
    full_text: &str,
    allow_default: bool,
) -> Option<Address> {
    if let Some(a) = addresses(&req.clause).into_iter().next() {
        return Some(a);
    }
    if let Some(m) = SAME_AS.find(&req.clause) {
        if let Some((_, id)) = order_ids(&req.clause[m.end()..]).first() {
            return customer
                .orders
                .get(id)
                .and_then(|o| o.get("address"))
                .and_then(Address::from_json);
        }
    }
    if allow_default && DEFAULT_ADDRESS.is_match(&req.clause) {
        return customer.address();
    }
    let around = format!("{} {}", req.before, req.after);
    let near = addresses(&around);
    if near.len() == 1 {
        return near.into_iter().next();
    }
    let all = addresses(full_text);
    (all.len() == 1).then(|| all.into_iter().next()).flatten()
}

fn user_address(
    req: &Request,
    customer: &Customer,
    procedures: &Procedures,
    full_text: &str,
) -> Resolution {
    let Some(procedure) = procedures.of_request("user_address").next() else {
        return Resolution::Refuse("I cannot change the default address here.".to_owned());
    };
    let Some(address) = pick_address(req, customer, full_text, false) else {
        return Resolution::ask(
            "What is the new default address (street, apartment or suite, city, state, zip)?",
        );
    };
    let mut args = json!({ "user_id": customer.user_id });
    merge(&mut args, address.to_json());
    Resolution::Write(
        Box::new(ProposedWrite {
            tool: procedure.spec.tool.clone().unwrap_or_default(),
            args,
            summary: format!("set your default address to {}", address.line()),
            user_id: customer.user_id.clone(),
            order_id: None,
            item_count: 0,
            refund_amount: None,
            charge_amount: None,
            price_difference: None,
            payment_method_id: None,
            payment_method_label: None,
        }),
        procedure.spec.name.clone(),
    )
}

fn cancel_reason(text: &str) -> Option<String> {
    let mut ents = Vec::new();
    extract_cancellation_reasons(text, &mut ents);
    if let Some(e) = ents.first() {
        return Some(e.value.clone());
    }
    MISTAKE
        .is_match(text)
        .then(|| "ordered by mistake".to_owned())
}

fn status_facts(req: &Request, customer: &Customer) -> Vec<String> {
    let ids: Vec<String> = if req.order_ids.is_empty() {
        let all: Vec<String> = customer.orders.keys().cloned().collect();
        let named: Vec<String> = all
            .iter()
            .filter(|id| !mentioned_items(&req.clause, &customer.items(id)).is_empty())
            .cloned()
            .collect();
        if named.is_empty() {
            all
        } else {
            named
        }
    } else {
        req.order_ids.clone()
    };
    ids.iter()
        .filter_map(|id| {
            let o = customer.orders.get(id)?;
            let tracking: Vec<String> = o
                .get("fulfillments")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .flat_map(|f| {
                    f.get("tracking_id")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                })
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            let items = customer.items(id);
            let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
            let total: f64 = items.iter().map(|i| i.price).sum();
            Some(format!(
                "Order {id} ({}) is {}{}; the items total {}.",
                names.join(", "),
                crate::customer::s(o, "status"),
                if tracking.is_empty() {
                    String::new()
                } else {
                    format!(", tracking number {}", tracking.join(", "))
                },
                money(total)
            ))
        })
        .collect()
}

/// Available options of the products the request names (read into
/// `customer.products` by the planner).
fn product_facts(req: &Request, customer: &Customer) -> Vec<String> {
    let norm = normalise(&req.clause);
    customer
        .products
        .values()
        .filter_map(|p| {
            let name = p.get("name").and_then(Value::as_str)?;
            mention(&norm, name)?;
            let available: Vec<crate::variant::Variant> = crate::variant::variants(p)
                .into_iter()
                .filter(|v| v.available)
                .collect();
            let list: Vec<String> = available
                .iter()
                .take(12)
                .map(|v| format!("{} at {}", fmt_opts(&v.options), money(v.price)))
                .collect();
            Some(format!(
                "We have {} {name} options available right now{}{}.",
                available.len(),
                if list.is_empty() { "" } else { ": " },
                list.join("; ")
            ))
        })
        .collect()
}

/// Whether a `;` separates two mentions (a list of items, not a target).
fn source_has_separator(raw: &str, a: usize, b: usize) -> bool {
    let (ra, rb) = (raw_pos(raw, a), raw_pos(raw, b));
    raw.get(ra.min(rb)..rb).is_some_and(|t| t.contains(';'))
}

/// Maps an offset in `normalise(raw)` back to an approximate offset in `raw`
/// (the n-th word of the normalised text starts at the n-th word of the raw text).
pub fn raw_pos(raw: &str, norm_pos: usize) -> usize {
    let norm = normalise(raw);
    let word_index = norm[..norm_pos.min(norm.len())]
        .split(' ')
        .count()
        .saturating_sub(1);
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in raw.char_indices() {
        let sep = c.is_whitespace() || c == '-' || c == '_';
        if !sep && !in_word {
            if count == word_index {
                return i;
            }
            count += 1;
        }
        in_word = !sep;
    }
    raw.len()
}

fn fmt_opts(o: &BTreeMap<String, String>) -> String {
    o.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_space(space: &BTreeMap<String, std::collections::BTreeSet<String>>) -> String {
    space
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.iter().cloned().collect::<Vec<_>>().join("/")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
