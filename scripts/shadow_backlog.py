#!/usr/bin/env python3
"""Builds the shadow-mode backlog: tickets with known human outcomes, from the project's data.

    python3 scripts/shadow_backlog.py [OUT_DIR]      # default: target/shadow-backlog

Writes OUT_DIR/backlog.jsonl (one Ticket JSON per line, for `frontdesk import`) and
OUT_DIR/recorded.jsonl (what a person did with each ticket, for
`frontdesk shadow report --recorded`):

- every case of eval/sets/retail_train.jsonl (500) and retail_dev.jsonl (20): the customer's
  first message, from their own address; the person resolved it with the labelled store
  actions (tau-bench's ground truth is what a correct agent does);
- 300 rows of data/intents/bitext_dev.csv and 200 of banking77_train.csv, spread evenly
  over their intents (seeded): a single customer message, which a person answered with a
  reply and no store action.

Never eval/sets/people_test.jsonl or adversarial_people.jsonl: they are held out.
Deterministic: the same data gives the same files.
"""
import csv
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "shadow-backlog"
START_MS = 1_796_083_200_000  # 2026-12-01T00:00:00Z: tickets one minute apart from here
HELD_OUT = {"people_test.jsonl", "adversarial_people.jsonl"}


def retail(name):
    assert name not in HELD_OUT
    for line in (ROOT / "eval" / "sets" / name).read_text().splitlines():
        if line.strip():
            yield json.loads(line)


def spread(path, label, n, seed):
    """n rows of a labelled CSV, round-robin over its labels in a seeded order."""
    by = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            by[row[label]].append(row["text"])
    rng = random.Random(seed)
    for rows in by.values():
        rng.shuffle(rows)
    labels = sorted(by)
    rng.shuffle(labels)
    out, i = [], 0
    while len(out) < n:
        lab = labels[i % len(labels)]
        k = i // len(labels)
        if k < len(by[lab]):
            out.append((lab, by[lab][k]))
        i += 1
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    tickets, recorded = [], []

    def add(tid, channel, body, outcome, actions=(), intent=None, email=None, subject=None):
        t = {
            "ticket_id": tid,
            "conversation_id": tid,
            "channel": channel,
            "body": body,
            "received_at": START_MS + 60_000 * len(tickets),
        }
        if email:
            t["customer"] = {"email": email}
        if subject:
            t["subject"] = subject
        tickets.append(t)
        r = {"ticket_id": tid, "outcome": outcome, "actions": list(actions)}
        if intent:
            r["intent"] = intent
        recorded.append(r)

    for name in ("retail_train.jsonl", "retail_dev.jsonl"):
        for case in retail(name):
            add(
                f"bk-{case['id']}",
                case["channel"],
                case["messages"][0],
                "resolved",
                actions=[{"name": a["name"], "arguments": a["arguments"]} for a in case["expect"]["actions"]],
                email=case["customer"].get("email"),
                subject=case.get("subject"),
            )
    for i, (intent, text) in enumerate(spread(ROOT / "data/intents/bitext_dev.csv", "intent", 300, 21)):
        add(f"bk-bitext-{i}", "chat", text, "resolved", intent=f"bitext:{intent}")
    for i, (intent, text) in enumerate(spread(ROOT / "data/intents/banking77_train.csv", "category", 200, 21)):
        add(f"bk-banking77-{i}", "chat", text, "resolved", intent=f"banking77:{intent}")

    with open(OUT / "backlog.jsonl", "w") as f:
        for t in tickets:
            f.write(json.dumps(t, sort_keys=True) + "\n")
    with open(OUT / "recorded.jsonl", "w") as f:
        for r in recorded:
            f.write(json.dumps(r, sort_keys=True) + "\n")
    print(f"{len(tickets)} tickets -> {OUT}/backlog.jsonl, {OUT}/recorded.jsonl")


if __name__ == "__main__":
    main()
