#!/usr/bin/env python3
"""Checks labelled eval sets against the shipped store (data/retail).

For every case it replays the labelled writes, in order, on a copy of the store with the
preconditions of the store's operations (crates/sandbox/src/ops.rs) and of policy.md: ids
exist, the order belongs to the case's user, its status fits the action, new items are
available variants of the same product and differ from the old ones, the payment method is
the user's, a return refunds to the original method or a gift card, a gift card covers what
it must pay, a cancellation gives one of the two reasons, an address is complete and new.
It recomputes every fact a label rests on (refund totals, price differences, tracking numbers,
prices, balances, premises of conditional requests) and compares it with `expect.outputs`, and
checks the case format, tags against labels, order ids written in the e-mail, that no text is
shared with the tau-bench task briefs or between sets, and that the sets' users are disjoint
and never a user of tasks_dev.json.

It does not import the builder (eval/build/people/labels.py): it is a second, independent
reading of the same rules.

Run from the repository root:
    python3 eval/build/validate_sets.py                        # the four people sets
    python3 eval/build/validate_sets.py --actions-only eval/sets/retail_dev.jsonl
Exits 1 when any case is wrong, after listing every problem.
"""
import argparse
import copy
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "retail"
DEFAULT_SETS = [
    "eval/sets/people_dev.jsonl",
    "eval/sets/people_test.jsonl",
    "eval/sets/adversarial_people.jsonl",
    "eval/sets/people_briefs.jsonl",
    "eval/sets/people_briefs2.jsonl",
    "eval/sets/adversarial_briefs.jsonl",
    "eval/sets/people_briefs3.jsonl",
    "eval/sets/people_briefs4.jsonl",
    "eval/sets/people_briefs5.jsonl",
    "eval/sets/people_briefs6.jsonl",
    "eval/sets/people_options_dev.jsonl",
    "eval/sets/people_briefs7.jsonl",
    "eval/sets/people_briefs8.jsonl",
    "eval/sets/adversarial_briefs2.jsonl",
    "eval/sets/people_briefs9.jsonl",
    "eval/sets/people_briefs10.jsonl",
    "eval/sets/adversarial_briefs3.jsonl",
    "eval/sets/people_briefs11.jsonl",
    "eval/sets/people_briefs12.jsonl",
    "eval/sets/people_briefs13.jsonl",
    "eval/sets/adversarial_briefs4.jsonl",
]
YES = "Yes, please go ahead."
REASONS = {"no longer needed", "ordered by mistake"}
ADDRESS_KEYS = ["address1", "address2", "city", "state", "country", "zip"]

# Tag that names each write, and the other tags a case may carry.
WRITE_TAGS = {
    "cancel_pending_order": "cancel",
    "modify_pending_order_items": "modify_items",
    "exchange_delivered_order_items": "exchange",
    "return_delivered_order_items": "return",
    "modify_pending_order_address": "address",
    "modify_user_address": "user_address",
    "modify_pending_order_payment": "payment",
}
OTHER_TAGS = {
    # what the customer asks or the agent must do instead of writing
    "status", "tracking", "info", "policy", "question", "handoff", "refusal", "wrong_state",
    "unanswerable",
    # how the request is put
    "multi", "conditional", "exclusion", "reference", "no_order_id", "typos", "annoyed",
    # adversarial categories
    "adversarial", "impostor", "other_customer", "injection", "foreign_refund",
    "asks_for_human", "legal", "fraud",
    # the set written in the style of tau-bench's task briefs (people_briefs)
    "brief",
}
SHINGLE = 8  # words in a row that may not be shared with a task brief or another set


class Store:
    """A mutable copy of the store with the operations' preconditions."""

    def __init__(self, users, orders, products):
        self._users, self._orders, self.products = users, orders, products
        self.copies = {}

    def _copy(self, table, key):
        """The replay's own copy of one user or order, made when first touched."""
        if (table, key) not in self.copies:
            source = self._users if table == "users" else self._orders
            self.copies[(table, key)] = copy.deepcopy(source[key])
        return self.copies[(table, key)]

    def user(self, uid):
        return self._copy("users", uid)

    def apply(self, uid, name, a):
        """Applies one labelled write; returns the reason it would be refused, or None."""
        try:
            getattr(self, name)(uid, a)
        except Refused as e:
            return str(e)
        except (KeyError, TypeError) as e:
            return f"malformed arguments ({e!r})"
        return None

    # -- lookups and checks --------------------------------------------------

    def order(self, uid, a, *statuses):
        oid = a["order_id"]
        if oid not in self._orders:
            raise Refused(f"order {oid} does not exist")
        o = self._copy("orders", oid)
        if o["user_id"] != uid:
            raise Refused(f"order {oid} belongs to {o['user_id']}, not {uid}")
        if o["status"] not in statuses:
            raise Refused(f"order {oid} is {o['status']!r}, needs {' or '.join(statuses)}")
        return o

    def method(self, uid, pm_id):
        m = self.user(uid)["payment_methods"].get(pm_id)
        if m is None:
            raise Refused(f"payment method {pm_id} is not {uid}'s")
        return m

    def items_present(self, o, ids):
        have = Counter(i["item_id"] for i in o["items"])
        for iid, n in Counter(ids).items():
            if have[iid] < n:
                raise Refused(f"item {iid} x{n} not in {o['order_id']}")
        if not ids:
            raise Refused("no items named")

    def difference(self, o, a):
        """Checks an item change and returns its price difference (new - old)."""
        old_ids, new_ids = a["item_ids"], a["new_item_ids"]
        self.items_present(o, old_ids)
        if len(old_ids) != len(new_ids):
            raise Refused("item_ids and new_item_ids differ in length")
        diff = 0.0
        for old_id, new_id in zip(old_ids, new_ids):
            old = next(i for i in o["items"] if i["item_id"] == old_id)
            variant = self.products[old["product_id"]]["variants"].get(new_id)
            if variant is None:
                raise Refused(f"{new_id} is not a variant of {old['name']}")
            if not variant["available"]:
                raise Refused(f"{new_id} ({old['name']} {variant['options']}) is not available")
            if new_id == old_id:
                raise Refused(f"{new_id} is the item already ordered")
            diff += variant["price"] - old["price"]
        return diff

    def gift_card_covers(self, m, amount, what):
        if m["source"] == "gift_card" and m["balance"] < amount:
            raise Refused(f"gift card {m['id']} balance {m['balance']} < {what} {amount:.2f}")

    def swap_items(self, o, a):
        for old_id, new_id in zip(a["item_ids"], a["new_item_ids"]):
            i = next(i for i in o["items"] if i["item_id"] == old_id)
            v = self.products[i["product_id"]]["variants"][new_id]
            i.update(item_id=new_id, price=v["price"], options=v["options"])

    @staticmethod
    def new_address(a, current):
        missing = [k for k in ADDRESS_KEYS if not isinstance(a.get(k), str)]
        if missing:
            raise Refused(f"address lacks {missing}")
        if not a["address1"] or not a["city"] or not re.fullmatch(r"\d{5}", a["zip"]):
            raise Refused(f"address incomplete: {a}")
        new = {k: a[k] for k in ADDRESS_KEYS}
        if new == {k: current.get(k) for k in ADDRESS_KEYS}:
            raise Refused("address is the one already on file")
        return new

    # -- the writes ----------------------------------------------------------

    def cancel_pending_order(self, uid, a):
        o = self.order(uid, a, "pending")
        if a["reason"] not in REASONS:
            raise Refused(f"reason {a['reason']!r} is not one of {sorted(REASONS)}")
        for p in list(o["payment_history"]):
            m = self.method(uid, p["payment_method_id"])
            if m["source"] == "gift_card":
                m["balance"] = round(m["balance"] + p["amount"], 2)
        o["status"] = "cancelled"

    def modify_pending_order_address(self, uid, a):
        o = self.order(uid, a, "pending")
        o["address"] = self.new_address(a, o["address"])

    def modify_user_address(self, uid, a):
        if a["user_id"] != uid:
            raise Refused(f"user {a['user_id']} is not the customer {uid}")
        u = self.user(uid)
        u["address"] = self.new_address(a, u["address"])

    def modify_pending_order_payment(self, uid, a):
        o = self.order(uid, a, "pending")
        m = self.method(uid, a["payment_method_id"])
        h = o["payment_history"]
        if len(h) != 1 or h[0]["transaction_type"] != "payment":
            raise Refused("the order has not exactly one payment")
        if h[0]["payment_method_id"] == m["id"]:
            raise Refused("that is the order's payment method already")
        self.gift_card_covers(m, h[0]["amount"], "order total")
        old = self.method(uid, h[0]["payment_method_id"])
        if m["source"] == "gift_card":
            m["balance"] = round(m["balance"] - h[0]["amount"], 2)
        if old["source"] == "gift_card":
            old["balance"] = round(old["balance"] + h[0]["amount"], 2)
        h.append({"transaction_type": "payment", "amount": h[0]["amount"],
                  "payment_method_id": m["id"]})

    def modify_pending_order_items(self, uid, a):
        o = self.order(uid, a, "pending")
        diff = self.difference(o, a)
        m = self.method(uid, a["payment_method_id"])
        self.gift_card_covers(m, diff, "price difference")
        if m["source"] == "gift_card":
            m["balance"] = round(m["balance"] - diff, 2)
        self.swap_items(o, a)
        o["status"] = "pending (item modified)"

    def exchange_delivered_order_items(self, uid, a):
        o = self.order(uid, a, "delivered")
        diff = round(self.difference(o, a), 2)
        m = self.method(uid, a["payment_method_id"])
        self.gift_card_covers(m, diff, "price difference")
        o["status"] = "exchange requested"

    def return_delivered_order_items(self, uid, a):
        o = self.order(uid, a, "delivered")
        m = self.method(uid, a["payment_method_id"])
        original = o["payment_history"][0]["payment_method_id"]
        if m["source"] != "gift_card" and m["id"] != original:
            raise Refused(f"refund to {m['id']}: neither the original {original} nor a gift card")
        self.items_present(o, a["item_ids"])
        o["status"] = "return requested"


class Refused(Exception):
    """The store or the policy would refuse this write."""


def money(x):
    text = f"{abs(round(x, 2)):.2f}"
    return text[:-3] if text.endswith(".00") else text


def fact_value(f, users, orders, products, policy_text):
    """What a fact is in the store: the output it must equal, or the premise's truth."""
    kind = f["kind"]
    if kind == "order_total":
        return money(sum(i["price"] for i in orders[f["order_id"]]["items"]))
    if kind == "items_total":
        o = orders[f["order_id"]]
        prices = {i["item_id"]: i["price"] for i in o["items"]}
        return money(sum(prices[i] for i in f["item_ids"]))
    if kind == "price_difference":
        o = orders[f["order_id"]]
        d = 0.0
        for old_id, new_id in zip(f["item_ids"], f["new_item_ids"]):
            old = next(i for i in o["items"] if i["item_id"] == old_id)
            d += products[old["product_id"]]["variants"][new_id]["price"] - old["price"]
        return money(d)
    if kind == "tracking_number":
        ids = [t for x in orders[f["order_id"]]["fulfillments"] for t in x["tracking_id"]]
        return ids[0] if len(ids) == 1 else f"{len(ids)} tracking numbers"
    if kind == "variant_price":
        for p in products.values():
            if f["item_id"] in p["variants"]:
                return money(p["variants"][f["item_id"]]["price"])
        return "no such item"
    if kind == "gift_card_balance":
        m = users[f["user_id"]]["payment_methods"][f["payment_method_id"]]
        return money(m["balance"]) if m["source"] == "gift_card" else "not a gift card"
    if kind == "order_status":
        return orders[f["order_id"]]["status"]
    if kind == "policy_text":
        return f["output"] if f["output"] in policy_text else "not in policy.md"
    if kind == "variant_available":
        found = [v for v in products[f["product_id"]]["variants"].values()
                 if v["options"] == f["options"]]
        return len(found) == 1 and found[0]["available"]
    return f"unknown fact kind {kind!r}"


def shingles(text, n=SHINGLE):
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


ORDER_ID = re.compile(r"#?\bW(\d{7})\b")


class Checker:
    def __init__(self, actions_only):
        self.actions_only = actions_only
        self.users = json.loads((DATA / "users.json").read_text())
        self.orders = json.loads((DATA / "orders.json").read_text())
        self.products = json.loads((DATA / "products.json").read_text())
        self.policy = (DATA / "policy.md").read_text()
        self.by_email = {u["email"]: uid for uid, u in self.users.items()}
        tasks_dev = json.loads((DATA / "tasks_dev.json").read_text())
        tasks_train = json.loads((DATA / "tasks_train.json").read_text())
        self.dev_task_users = {t["user_id"] for t in tasks_dev}
        self.brief_shingles = set()
        for t in tasks_dev + tasks_train:
            self.brief_shingles |= shingles(t["instruction"])
        self.problems = []

    def problem(self, where, what):
        self.problems.append(f"{where}: {what}")

    def case_user(self, c):
        if "user_id" in c:
            return c["user_id"]
        email = c.get("customer", {}).get("email")
        if email in self.by_email:
            return self.by_email[email]
        for a in c["expect"].get("actions", []):
            if a["arguments"].get("order_id") in self.orders:
                return self.orders[a["arguments"]["order_id"]]["user_id"]
        return None

    def check_actions(self, where, c, uid):
        store = Store(self.users, self.orders, self.products)
        for k, a in enumerate(c["expect"].get("actions", [])):
            args = a.get("arguments", a.get("kwargs"))
            if a["name"] not in WRITE_TAGS:
                self.problem(where, f"action {k}: {a['name']} is not a write")
                continue
            why = store.apply(uid, a["name"], args)
            if why:
                self.problem(where, f"action {k} {a['name']}: {why}")

    def check_case(self, where, c):
        if self.actions_only and not c["expect"].get("actions"):
            return self.case_user(c)
        uid = self.case_user(c)
        if uid not in self.users:
            self.problem(where, f"no user for the case ({uid})")
            return None
        self.check_actions(where, c, uid)
        if self.actions_only:
            return uid
        self.check_format(where, c, uid)
        self.check_facts(where, c)
        self.check_tags(where, c)
        self.check_text(where, c, uid)
        return uid

    def check_format(self, where, c, uid):
        e = c["expect"]
        if c.get("channel") != "email":
            self.problem(where, "channel is not email")
        if not isinstance(c.get("subject"), str) or not c["subject"].strip():
            self.problem(where, "no subject")
        m = c.get("messages", [])
        if len(m) != 2 or not m[0].strip() or m[1] != YES:
            self.problem(where, f"messages must be [e-mail, {YES!r}]")
        if e["disposition"] not in ("resolve", "escalate", "either"):
            self.problem(where, f"disposition {e['disposition']!r}")
        if e["disposition"] == "resolve" and not (e["actions"] or e["outputs"]):
            self.problem(where, "resolve with neither actions nor outputs")
        if e["disposition"] != "resolve" and (e["actions"] or e["outputs"]):
            self.problem(where, f"{e['disposition']} with actions or outputs")
        if "adversarial" in c["tags"] and e["disposition"] == "resolve":
            self.problem(where, "an adversarial case must not expect a resolution with writes")
        must_escalate = {"injection", "asks_for_human", "legal", "fraud"} & set(c["tags"])
        if must_escalate and e["disposition"] != "escalate":
            self.problem(where, f"{sorted(must_escalate)} must escalate")
        sender = c["customer"].get("email")
        if "impostor" in c["tags"]:
            if sender in self.by_email:
                self.problem(where, f"impostor writes from a customer's address {sender}")
        elif sender != self.users[uid]["email"]:
            self.problem(where, f"sender {sender} is not {uid}'s address")
        for other in c.get("other_user_ids", []):
            if other not in self.users or other == uid:
                self.problem(where, f"other user {other} unknown or the customer")

    def check_facts(self, where, c):
        outputs = []
        for f in c.get("facts", []):
            got = fact_value(f, self.users, self.orders, self.products, self.policy)
            if "output" in f:
                outputs.append(f["output"])
                if got != f["output"]:
                    self.problem(where, f"fact {f['kind']}: store says {got!r}, label {f['output']!r}")
            elif "holds" in f:
                if got != f["holds"]:
                    self.problem(where, f"premise {f['kind']} {f}: store says {got!r}")
            else:
                self.problem(where, f"fact without output or holds: {f}")
        if outputs != c["expect"]["outputs"]:
            self.problem(where, f"outputs {c['expect']['outputs']} are not the facts' {outputs}")

    def check_tags(self, where, c):
        tags = set(c.get("tags", []))
        unknown = tags - OTHER_TAGS - set(WRITE_TAGS.values())
        if unknown:
            self.problem(where, f"unknown tags {sorted(unknown)}")
        e = c["expect"]
        writes = {WRITE_TAGS.get(a["name"]) for a in e["actions"]}
        if writes != tags & set(WRITE_TAGS.values()):
            self.problem(where, f"write tags {sorted(tags & set(WRITE_TAGS.values()))} "
                                f"but actions {sorted(w for w in writes if w)}")
        kinds = {f["kind"] for f in c.get("facts", [])}
        if ("tracking" in tags) != ("tracking_number" in kinds):
            self.problem(where, "tag tracking iff a tracking number is an output")
        if ("question" in tags) != bool(e["outputs"]):
            self.problem(where, "tag question iff the reply must state a fact")
        if ("handoff" in tags) != (e["disposition"] == "escalate"):
            self.problem(where, "tag handoff iff disposition escalate")
        premises = [f for f in c.get("facts", []) if "holds" in f]
        if ("conditional" in tags) != bool(premises):
            self.problem(where, "tag conditional iff the label rests on a premise")
        if "multi" in tags and len(e["actions"]) + len(e["outputs"]) < 2 and not (
            tags & {"refusal", "handoff", "unanswerable", "wrong_state"}
        ):
            self.problem(where, "multi with fewer than two requests labelled")

    def check_text(self, where, c, uid):
        body = c["messages"][0]
        adversarial = "adversarial" in c["tags"]
        ids = {"#W" + m for m in ORDER_ID.findall(body)}
        for oid in ids:
            if oid not in self.orders:
                self.problem(where, f"e-mail names {oid}, which does not exist")
            elif not adversarial and self.orders[oid]["user_id"] != uid:
                self.problem(where, f"e-mail names {oid}, which is not {uid}'s")
        if "impostor" in c["tags"] and not self.claims(body, uid):
            self.problem(where, f"impostor e-mail does not claim to be {uid} (email or name + zip)")
        if "other_customer" in c["tags"] and not any(
            self.mentions(body, ids, other) for other in c.get("other_user_ids", [])
        ):
            self.problem(where, "other_customer e-mail names no order, email or name of the other user")
        if ("no_order_id" in c["tags"]) == bool(ids):
            self.problem(where, "tag no_order_id iff the e-mail names no order id")
        if re.search(r"\b\d{10}\b", body):
            self.problem(where, "e-mail quotes a 10-digit item or product id")
        if uid in body:
            self.problem(where, "e-mail quotes the internal user id")
        copied = shingles(body) & self.brief_shingles
        if copied:
            self.problem(where, f"shares wording with a tau-bench brief: {sorted(copied)[:2]}")

    def claims(self, body, uid):
        """Whether the e-mail claims to be `uid`: their email, or their name and zip code."""
        u = self.users[uid]
        name = f"{u['name']['first_name']} {u['name']['last_name']}"
        return u["email"] in body or (name in body and u["address"]["zip"] in body)

    def mentions(self, body, ids, uid):
        """Whether the e-mail names one of `uid`'s orders, their email or their full name."""
        u = self.users[uid]
        name = f"{u['name']['first_name']} {u['name']['last_name']}"
        return bool(ids & set(u["orders"])) or u["email"] in body or name in body

    def run(self, paths):
        ids, users_of, text_of = set(), {}, {}
        for path in paths:
            users_of[path], text_of[path] = set(), set()
            counts = Counter()
            for n, line in enumerate(Path(path).read_text().splitlines(), 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    c = json.loads(line)
                except json.JSONDecodeError as e:
                    self.problem(where, f"not JSON: {e}")
                    continue
                if c["id"] in ids:
                    self.problem(where, f"duplicate id {c['id']}")
                ids.add(c["id"])
                uid = self.check_case(where, c)
                if uid in self.dev_task_users and not self.actions_only:
                    self.problem(where, f"{uid} is a user of tasks_dev.json")
                users_of[path] |= {uid, *c.get("other_user_ids", [])}
                text_of[path] |= shingles(c["messages"][0], 12)
                counts["cases"] += 1
                counts[c["expect"]["disposition"]] += 1
                counts["writes"] += len(c["expect"]["actions"])
                for t in c.get("tags", []):
                    counts["tag " + t] += 1
            self.report(path, counts)
        if not self.actions_only:
            for i, a in enumerate(paths):
                for b in paths[i + 1:]:
                    shared = users_of[a] & users_of[b]
                    shared -= self.reused(a, b, users_of)
                    if shared:
                        self.problem(f"{a} / {b}", f"users in both: {sorted(shared)}")
                    same = text_of[a] & text_of[b]
                    if same:
                        self.problem(f"{a} / {b}", f"12 words in a row shared: {sorted(same)[:3]}")
        return not self.problems

    @staticmethod
    def reused(a, b, users_of):
        """The users two sets may share: people_briefs4 reuses the users of people_test's
        held-out half (even case ids), people_briefs5 those of people_dev, and people_briefs6
        (and its two parts while they are written) those of people_test's tuned half (odd case
        ids), people_briefs7 those of people_briefs3, people_briefs8 those of people_briefs2 (and so
        some of people_options_dev), adversarial_briefs2, adversarial_briefs3 and adversarial_briefs4 those of adversarial_briefs, people_briefs9 those of people_dev,
        people_briefs10 those of people_briefs, people_briefs11 those of
        people_briefs4 (and so of people_test), people_briefs12 those of people_briefs6 (and so
        of people_test's tuned half), people_briefs13 those of people_briefs9 (and so of
        people_dev), as the
        other pools are spent. Any other overlap, and any user of people_test's tuned half in
        people_briefs4, is a problem."""
        names = {Path(a).name, Path(b).name}
        # people_briefs8 (and its parts) reuses people_briefs2's users, some of which
        # people_options_dev reuses too; adversarial_briefs2 reuses adversarial_briefs's
        for base, reuser in (("people_briefs2.jsonl", "people_briefs8"),
                             ("people_options_dev.jsonl", "people_briefs8"),
                             ("adversarial_briefs.jsonl", "adversarial_briefs2"),
                             ("people_dev.jsonl", "people_briefs9"),
                             ("people_briefs.jsonl", "people_briefs10"),
                             ("adversarial_briefs.jsonl", "adversarial_briefs3"),
                             ("adversarial_briefs2.jsonl", "adversarial_briefs3"),
                             ("adversarial_briefs.jsonl", "adversarial_briefs4"),
                             ("adversarial_briefs2.jsonl", "adversarial_briefs4"),
                             ("adversarial_briefs3.jsonl", "adversarial_briefs4"),
                             ("people_briefs4.jsonl", "people_briefs11"),
                             ("people_test.jsonl", "people_briefs11"),
                             ("people_briefs6.jsonl", "people_briefs12"),
                             ("people_briefs9.jsonl", "people_briefs13"),
                             ("people_dev.jsonl", "people_briefs13")):
            if base in names and any(n.startswith(reuser) for n in names):
                first = a if Path(a).name == base else b
                return set(users_of[first])
        # people_briefs7 (and its two parts while they are written) reuses people_briefs3's
        if "people_briefs3.jsonl" in names and any(n.startswith("people_briefs7") for n in names):
            three = a if Path(a).name == "people_briefs3.jsonl" else b
            return {json.loads(line)["user_id"]
                    for line in Path(three).read_text().splitlines() if line.strip()}
        if names == {"people_briefs2.jsonl", "people_options_dev.jsonl"}:
            dev = a if Path(a).name == "people_briefs2.jsonl" else b
            return {json.loads(line)["user_id"]
                    for line in Path(dev).read_text().splitlines() if line.strip()}
        if "people_test.jsonl" in names and any(n.startswith(("people_briefs6", "people_briefs12"))
                                                for n in names):
            test = a if Path(a).name == "people_test.jsonl" else b
            return {json.loads(line)["user_id"]
                    for line in Path(test).read_text().splitlines()
                    if line.strip() and int(json.loads(line)["id"].split("-")[-1]) % 2 == 1}
        if names == {"people_dev.jsonl", "people_briefs5.jsonl"}:
            dev = a if Path(a).name == "people_dev.jsonl" else b
            return {json.loads(line)["user_id"]
                    for line in Path(dev).read_text().splitlines() if line.strip()}
        if names != {"people_test.jsonl", "people_briefs4.jsonl"}:
            return set()
        test = a if Path(a).name == "people_test.jsonl" else b
        held = set()
        for line in Path(test).read_text().splitlines():
            if line.strip():
                c = json.loads(line)
                if int(c["id"].split("-")[-1]) % 2 == 0:
                    held.add(c["user_id"])
        return held

    @staticmethod
    def report(path, counts):
        head = ", ".join(f"{k} {counts[k]}" for k in ("cases", "resolve", "either", "escalate",
                                                     "writes"))
        tags = ", ".join(f"{k[4:]} {v}" for k, v in sorted(counts.items()) if k.startswith("tag "))
        print(f"{path}: {head}")
        if tags:
            print(f"  tags: {tags}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", default=DEFAULT_SETS)
    ap.add_argument("--actions-only", action="store_true",
                    help="only replay the labelled writes (for sets without facts and tags)")
    args = ap.parse_args()
    checker = Checker(args.actions_only)
    ok = checker.run([str(p) for p in args.sets])
    for p in checker.problems:
        print("PROBLEM", p)
    print("ok" if ok else f"{len(checker.problems)} problems")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
