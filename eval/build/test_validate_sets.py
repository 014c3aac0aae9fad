#!/usr/bin/env python3
"""The validator catches wrong labels: each test breaks one thing in a case that validates.

Run from the repository root:  python3 -m unittest eval/build/test_validate_sets.py
"""
import copy
import json
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_sets import ROOT, Checker  # noqa: E402

SETS = ROOT / "eval" / "sets"


def cases(name):
    return [json.loads(line) for line in (SETS / name).read_text().splitlines() if line.strip()]


def first(name, action=None, tag=None):
    for c in cases(name):
        names = [a["name"] for a in c["expect"]["actions"]]
        if (action is None or names == [action]) and (tag is None or tag in c["tags"]):
            return copy.deepcopy(c)
    raise LookupError(f"no case with {action} {tag} in {name}")


class ValidatorTest(unittest.TestCase):
    checker = Checker(actions_only=False)

    def problems(self, c):
        self.checker.problems = []
        self.checker.check_case("case", c)
        return " | ".join(self.checker.problems)

    def assertCaught(self, c, *fragments):
        found = self.problems(c)
        for fragment in fragments:
            self.assertIn(fragment, found)

    def test_shipped_cases_pass(self):
        for name in ("people_dev.jsonl", "people_test.jsonl", "adversarial_people.jsonl",
                     "people_briefs.jsonl", "people_briefs2.jsonl", "adversarial_briefs.jsonl",
                     "people_briefs3.jsonl"):
            for c in cases(name):
                self.assertEqual(self.problems(c), "", c["id"])

    def test_another_users_order(self):
        c = first("people_test.jsonl", "cancel_pending_order")
        c["user_id"] = "noah_brown_6181"
        c["customer"]["email"] = "noah.brown7922@example.com"
        self.assertCaught(c, "belongs to")

    def test_cancel_needs_pending_and_a_known_reason(self):
        c = first("people_test.jsonl", "cancel_pending_order")
        c["expect"]["actions"][0]["arguments"]["reason"] = "changed my mind"
        self.assertCaught(c, "reason")
        c = first("people_test.jsonl", "cancel_pending_order")
        c["expect"]["actions"] *= 2
        self.assertCaught(c, "is 'cancelled', needs pending")

    def test_new_item_must_be_an_available_variant_of_the_same_product(self):
        c = first("people_test.jsonl", "exchange_delivered_order_items")
        a = c["expect"]["actions"][0]["arguments"]
        a["new_item_ids"][0] = "5047954489"  # a T-shirt that is not on sale
        self.assertCaught(c, "5047954489")
        a["new_item_ids"][0] = a["item_ids"][0]
        self.assertCaught(c, "already ordered")

    def test_payment_method_must_be_the_users(self):
        c = first("people_test.jsonl", "modify_pending_order_payment")
        c["expect"]["actions"][0]["arguments"]["payment_method_id"] = "paypal_5727330"
        self.assertCaught(c, "is not")

    def test_return_refunds_to_the_original_method_or_a_gift_card(self):
        for c in cases("people_test.jsonl"):
            a = c["expect"]["actions"][0]["arguments"] if c["expect"]["actions"] else {}
            if c["expect"]["actions"] and c["expect"]["actions"][0]["name"] == \
                    "return_delivered_order_items":
                methods = self.checker.users[c["user_id"]]["payment_methods"]
                other = [m for m, v in methods.items()
                         if v["source"] != "gift_card" and m != a["payment_method_id"]]
                if other:
                    a["payment_method_id"] = other[0]
                    self.assertCaught(c, "neither the original")
                    return
        self.fail("no return whose user has a second card or PayPal")

    def test_gift_card_must_cover_the_order(self):
        c = first("people_test.jsonl", "modify_pending_order_payment")
        uid, oid = c["user_id"], c["expect"]["actions"][0]["arguments"]["order_id"]
        self.checker.users[uid]["payment_methods"]["gift_card_test"] = {
            "source": "gift_card", "balance": 1, "id": "gift_card_test"}
        try:
            c["expect"]["actions"] = [{"name": "modify_pending_order_payment", "arguments": {
                "order_id": oid, "payment_method_id": "gift_card_test"}}]
            self.assertCaught(c, "balance 1 <")
        finally:
            del self.checker.users[uid]["payment_methods"]["gift_card_test"]

    def test_outputs_are_recomputed(self):
        c = first("people_test.jsonl", tag="question")
        c["facts"][0]["output"] = "12345.67"
        self.assertCaught(c, "store says")

    def test_premises_are_recomputed(self):
        c = first("people_test.jsonl", tag="conditional")
        premise = next(f for f in c["facts"] if "holds" in f)
        premise["holds"] = not premise["holds"] if isinstance(premise["holds"], bool) else "x"
        self.assertCaught(c, "premise")

    def test_tags_follow_the_label(self):
        c = first("people_test.jsonl", "cancel_pending_order")
        c["tags"] = [t for t in c["tags"] if t != "cancel"]
        self.assertCaught(c, "write tags")

    def test_impostor_must_write_from_an_unknown_address(self):
        c = first("adversarial_people.jsonl", tag="impostor")
        c["customer"]["email"] = "noah.brown7922@example.com"
        self.assertCaught(c, "customer's address")

    def test_adversarial_cases_expect_no_write(self):
        c = first("adversarial_people.jsonl", tag="wrong_state")
        c["expect"]["disposition"] = "resolve"
        self.assertCaught(c, "must not expect a resolution")

    def test_wording_of_a_task_brief_is_refused(self):
        c = first("people_test.jsonl", "cancel_pending_order")
        brief = json.loads((ROOT / "data/retail/tasks_dev.json").read_text())[0]["instruction"]
        c["messages"][0] += " " + brief
        self.assertCaught(c, "tau-bench brief")


if __name__ == "__main__":
    unittest.main()
