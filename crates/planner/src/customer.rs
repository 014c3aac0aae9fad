//! What the planner read about the customer: the user record, their orders
//! and the products of the items in them.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Value};

use crate::{ReadCall, ToolFailure, ToolRunner};

/// Reads through a [`ToolRunner`] and records every call for the plan.
pub struct Reader<'a> {
    tools: &'a dyn ToolRunner,
    /// Reads made, in order.
    pub log: Vec<ReadCall>,
}

impl<'a> Reader<'a> {
    /// A reader over `tools`.
    pub fn new(tools: &'a dyn ToolRunner) -> Self {
        Reader {
            tools,
            log: Vec::new(),
        }
    }

    /// The clear value of a token of the conversation ([`ToolRunner::reveal`]).
    pub fn reveal(&self, token: &str) -> Option<String> {
        self.tools.reveal(token)
    }

    /// Calls a read tool. A refusal (not found, ...) is `Ok(None)`; a
    /// transport failure is an error.
    /// The result is shared with the read log, not copied into it.
    pub async fn read(
        &mut self,
        tool: &str,
        args: Value,
    ) -> Result<Option<Arc<Value>>, ToolFailure> {
        let result = self.tools.call(tool, args.clone()).await.map(Arc::new);
        self.log.push(ReadCall {
            tool: tool.to_owned(),
            args,
            result: result.as_ref().map(Arc::clone).map_err(|e| e.to_string()),
        });
        match result {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_transient() => Err(e),
            Err(_) => Ok(None),
        }
    }
}

/// One item of an order.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Order id.
    pub order_id: String,
    /// Product name, e.g. "Gaming Mouse".
    pub name: String,
    /// Product id.
    pub product_id: String,
    /// Item (variant) id.
    pub item_id: String,
    /// Price paid.
    pub price: f64,
    /// Options, e.g. color -> black.
    pub options: BTreeMap<String, String>,
}

impl Item {
    /// "Gaming Mouse (color: black, sensor type: laser)".
    pub fn label(&self) -> String {
        let opts: Vec<String> = self
            .options
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        format!("{} ({})", self.name, opts.join(", "))
    }
}

/// The authenticated customer and what the planner read about them.
#[derive(Debug, Clone)]
pub struct Customer {
    /// User id.
    pub user_id: String,
    /// The user record.
    pub user: Arc<Value>,
    /// Orders by id.
    pub orders: BTreeMap<String, Arc<Value>>,
    /// Products by id (those of the customer's items, and any read later).
    pub products: BTreeMap<String, Arc<Value>>,
}

/// Reads `field` of `v` as a string.
pub fn s<'v>(v: &'v Value, field: &str) -> &'v str {
    v.get(field).and_then(Value::as_str).unwrap_or("")
}

impl Customer {
    /// Reads the user, every order of theirs and the products in them.
    pub async fn load(
        reader: &mut Reader<'_>,
        user_id: &str,
    ) -> Result<Option<Customer>, ToolFailure> {
        let Some(user) = reader
            .read("get_user_details", json!({ "user_id": user_id }))
            .await?
        else {
            return Ok(None);
        };
        let mut orders = BTreeMap::new();
        let ids: Vec<String> = user
            .get("orders")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|o| o.as_str().map(str::to_owned))
            .collect();
        for id in ids {
            if let Some(order) = reader
                .read("get_order_details", json!({ "order_id": id }))
                .await?
            {
                orders.insert(id, order);
            }
        }
        let mut products = BTreeMap::new();
        let product_ids: std::collections::BTreeSet<String> = orders
            .values()
            .flat_map(|o| {
                o.get("items")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
            })
            .map(|i| s(i, "product_id").to_owned())
            .collect();
        for pid in product_ids {
            if let Some(p) = reader
                .read("get_product_details", json!({ "product_id": pid }))
                .await?
            {
                products.insert(pid, p);
            }
        }
        Ok(Some(Customer {
            user_id: user_id.to_owned(),
            user,
            orders,
            products,
        }))
    }

    /// Nobody: no account, no orders; products read later still go in (a product question
    /// needs no account).
    pub fn anonymous() -> Customer {
        Customer {
            user_id: String::new(),
            user: Arc::new(Value::Null),
            orders: BTreeMap::new(),
            products: BTreeMap::new(),
        }
    }

    /// The order's status, "" when unknown.
    pub fn status(&self, order_id: &str) -> &str {
        self.orders.get(order_id).map_or("", |o| s(o, "status"))
    }

    /// Items of every order, order by order.
    pub fn all_items(&self) -> Vec<Item> {
        self.orders.keys().flat_map(|id| self.items(id)).collect()
    }

    /// Items of one order, in order.
    pub fn items(&self, order_id: &str) -> Vec<Item> {
        let Some(order) = self.orders.get(order_id) else {
            return Vec::new();
        };
        order
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|i| Item {
                order_id: order_id.to_owned(),
                name: s(i, "name").to_owned(),
                product_id: s(i, "product_id").to_owned(),
                item_id: s(i, "item_id").to_owned(),
                price: i.get("price").and_then(Value::as_f64).unwrap_or(0.0),
                options: i
                    .get("options")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                    .collect(),
            })
            .collect()
    }

    /// The payment method that paid for the order first.
    pub fn original_payment(&self, order_id: &str) -> Option<String> {
        self.orders
            .get(order_id)?
            .get("payment_history")?
            .as_array()?
            .iter()
            .find(|p| s(p, "transaction_type") == "payment")
            .map(|p| s(p, "payment_method_id").to_owned())
    }

    /// Total paid for the order (payments minus refunds).
    pub fn paid(&self, order_id: &str) -> f64 {
        let Some(history) = self
            .orders
            .get(order_id)
            .and_then(|o| o.get("payment_history"))
            .and_then(Value::as_array)
        else {
            return 0.0;
        };
        let total: f64 = history
            .iter()
            .map(|p| {
                let a = p.get("amount").and_then(Value::as_f64).unwrap_or(0.0);
                if s(p, "transaction_type") == "refund" {
                    -a
                } else {
                    a
                }
            })
            .sum();
        (total * 100.0).round() / 100.0
    }

    /// The user's payment methods: id -> record.
    pub fn payment_methods(&self) -> Vec<(String, Value)> {
        self.user
            .get("payment_methods")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Whether the user has the payment method.
    pub fn has_payment(&self, id: &str) -> bool {
        self.payment_methods().iter().any(|(k, _)| k == id)
    }

    /// Gift card balance of a payment method (None when not a gift card).
    pub fn gift_balance(&self, id: &str) -> Option<f64> {
        self.payment_methods()
            .into_iter()
            .find(|(k, _)| k == id)
            .filter(|(_, v)| s(v, "source") == "gift_card")
            .and_then(|(_, v)| v.get("balance").and_then(Value::as_f64))
    }

    /// "PayPal", "gift card (balance $12.00)", "mastercard ending in 9212".
    pub fn payment_label(&self, id: &str) -> String {
        let Some((_, m)) = self.payment_methods().into_iter().find(|(k, _)| k == id) else {
            return id.to_owned();
        };
        match s(&m, "source") {
            "paypal" => "PayPal".to_owned(),
            "gift_card" => "gift card".to_owned(),
            "credit_card" => format!("{} card ending in {}", s(&m, "brand"), s(&m, "last_four")),
            other => other.to_owned(),
        }
    }

    /// Adds `delta` to a gift card's balance (a planned charge or refund).
    pub fn add_balance(&mut self, method: &str, delta: f64) {
        if let Some(b) = Arc::make_mut(&mut self.user)
            .get_mut("payment_methods")
            .and_then(|m| m.get_mut(method))
            .and_then(|m| m.get_mut("balance"))
        {
            let now = b.as_f64().unwrap_or(0.0) + delta;
            *b = json!((now * 100.0).round() / 100.0);
        }
    }

    /// Plans on the assumption that `order_id` was cancelled earlier in the
    /// same plan: its gift-card payments are back on the cards.
    pub fn assume_cancelled(&mut self, order_id: &str) {
        let refunds: Vec<(String, f64)> = self
            .orders
            .get(order_id)
            .and_then(|o| o.get("payment_history"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|p| s(p, "transaction_type") == "payment")
            .map(|p| {
                (
                    s(p, "payment_method_id").to_owned(),
                    p.get("amount").and_then(Value::as_f64).unwrap_or(0.0),
                )
            })
            .collect();
        for (method, amount) in refunds {
            if method.contains("gift_card") {
                self.add_balance(&method, amount);
            }
        }
        if let Some(order) = self.orders.get_mut(order_id).map(Arc::make_mut) {
            order["status"] = json!("cancelled");
        }
    }

    /// Plans on the assumption that `order_id` is now paid with `method`
    /// (a payment change proposed earlier in the same plan).
    pub fn assume_paid_with(&mut self, order_id: &str, method: &str) {
        let paid = self.paid(order_id);
        if let Some(old) = self
            .original_payment(order_id)
            .filter(|o| o.contains("gift_card"))
        {
            self.add_balance(&old, paid);
        }
        if method.contains("gift_card") {
            self.add_balance(method, -paid);
        }
        if let Some(order) = self.orders.get_mut(order_id).map(Arc::make_mut) {
            order["payment_history"] = json!([{
                "transaction_type": "payment",
                "amount": paid,
                "payment_method_id": method,
            }]);
        }
    }

    /// Plans on the assumption that `w`, proposed earlier in the same plan, ran: a
    /// cancellation refunds its gift-card payments, a payment change moves the order to the new
    /// method, an item change charges or refunds its gift card at once.
    pub fn assume(&mut self, w: &crate::ProposedWrite) {
        let order_id = w.order_id.clone().unwrap_or_default();
        let method = w.payment_method_id.as_deref().unwrap_or_default();
        match w.tool.as_str() {
            "modify_pending_order_payment" => self.assume_paid_with(&order_id, method),
            "cancel_pending_order" => self.assume_cancelled(&order_id),
            "modify_pending_order_items" => {
                self.add_balance(method, -w.price_difference.unwrap_or(0.0))
            }
            _ => {}
        }
    }

    /// Every address record on file, as the store holds it: each order's, then the user's
    /// default.
    pub fn address_records(&self) -> impl Iterator<Item = &Value> {
        self.orders
            .values()
            .filter_map(|o| o.get("address"))
            .chain(self.user.get("address"))
    }

    /// The shipping address of order `id`.
    pub fn order_address(&self, id: &str) -> Option<crate::text::Address> {
        crate::text::Address::from_json(self.orders.get(id)?.get("address")?)
    }

    /// The user's default address.
    pub fn address(&self) -> Option<crate::text::Address> {
        crate::text::Address::from_json(self.user.get("address")?)
    }

    /// "First Last".
    pub fn name(&self) -> String {
        let n = self.user.get("name").cloned().unwrap_or_default();
        format!("{} {}", s(&n, "first_name"), s(&n, "last_name"))
    }
}
