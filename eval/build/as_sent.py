#!/usr/bin/env python3
"""Copies of an eval set written the way e-mail arrives: the same cases and labels, only the
first message changed, one kind of change per copy.

    python3 eval/build/as_sent.py --set eval/sets/people_dev.jsonl --out /tmp/as_sent
    # writes /tmp/as_sent/<kind>_people_dev.jsonl for every kind below

Kinds (`--kinds` picks some):
  typographic  every ' is U+2019 (phones and mail programs write "don’t")
  noapo        contractions typed without their apostrophe ("dont", "Im", "its")
  wrap         each paragraph hard-wrapped at 72 columns, as plain-text mail is sent
  lower        the whole message in lower case
  typo         8 % of the words of five letters or more with one slip (two letters
               swapped, one left out or one doubled; seeded, so a copy is the same every run)
  signature    a sign-off block with a street address and a phone number appended
  chatty       a friendly opening line and a postscript around the request

A change can make a label unreachable (a typo inside a city's name, a lower-cased address
whose unit letter the store keeps in capitals); read a drop case by case before calling it
the agent's. The figures these copies gave are in docs/MEASUREMENTS.md.
"""
import argparse
import json
import pathlib
import random
import re
import textwrap

KINDS = ["typographic", "noapo", "wrap", "lower", "typo", "signature", "chatty"]

STREETS = ["12 Elm Street", "4410 Duval Street, Unit 2", "77 Harbor Road, Apt 3", "905 Pine Lane"]
CITIES = ["Austin, TX 78701", "Denver, CO 80202", "Seattle, WA 98109", "Columbus, OH 43201"]
OPENINGS = [
    "Hope you're having a good week! I've been shopping with you for a couple of years and I'm usually really happy with everything.\n\n",
    "Good morning. First of all, thanks for the quick shipping last time, it was great.\n\n",
    "Hello! Sorry to bother you on a busy day.\n\n",
]
POSTSCRIPTS = [
    "\n\nP.S. Love the new website design!",
    "\n\nHave a nice weekend.",
    "\n\nPS: my neighbour recommended your store, so you have a new fan.",
]


def slip(text, rng):
    def one(m):
        w = m.group(0)
        if len(w) < 5 or rng.random() > 0.08:
            return w
        i = rng.randrange(1, len(w) - 1)
        k = rng.randrange(3)
        if k == 0:
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if k == 1:
            return w[:i] + w[i + 1:]
        return w[:i] + w[i] + w[i:]

    return re.sub(r"[A-Za-z]+", one, text)


def changed(kind, text, rng):
    if kind == "typographic":
        return text.replace("'", "\u2019")
    if kind == "noapo":
        return re.sub(r"(\w)'(t|m|s|re|ve|d|ll)\b", r"\1\2", text)
    if kind == "wrap":
        return "\n".join(textwrap.fill(p, 72) if p.strip() else p for p in text.split("\n"))
    if kind == "lower":
        return text.lower()
    if kind == "typo":
        return slip(text, rng)
    if kind == "signature":
        phone = f"(512) 555-01{rng.randrange(10, 99)}"
        return f"{text}\n\n--\n{rng.choice(STREETS)}\n{rng.choice(CITIES)}\nPhone: {phone}"
    if kind == "chatty":
        return rng.choice(OPENINGS) + text + rng.choice(POSTSCRIPTS)
    raise ValueError(kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", required=True, type=pathlib.Path)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    cases = [json.loads(l) for l in a.set.read_text().splitlines() if l.strip()]
    for kind in a.kinds.split(","):
        rng = random.Random(f"{a.seed}/{kind}")
        out = a.out / f"{kind}_{a.set.stem}.jsonl"
        with open(out, "w") as f:
            for c in cases:
                c = dict(c)
                c["messages"] = [changed(kind, c["messages"][0], rng)] + c["messages"][1:]
                f.write(json.dumps(c) + "\n")
        print(out)


if __name__ == "__main__":
    main()
