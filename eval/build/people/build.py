#!/usr/bin/env python3
"""Writes eval/sets/people_dev.jsonl, people_test.jsonl, adversarial_people.jsonl and
people_briefs.jsonl.

The cases are hand-written in dev_cases.py, test_cases.py, adversarial_cases.py and
briefs_cases.py; this script only checks that each case's user comes from its set's pool and
writes one JSON line per case.

The pools (the split rule): users of data/retail/users.json with at least one order, split
into those named by no tau-bench task we hold (data/retail/tasks_dev.json and tasks_train.json)
and those named by a train task only. Users of tasks_dev.json are never used. Each list is
sorted and shuffled with random.Random(SEED); the first 120 task-free users are the test
pool, the other task-free users and the first 38 train-task users the dev pool, and the
remaining train-task users the adversarial pool, except the briefs pool: the last 48 of those
remaining train-task users (in shuffled order) whose retail_train tasks are all in the
`train-held` part (FNV-1a of the user id % 10 < 3, as `part` in
crates/planner/examples/build_sets.rs), so that no briefs user is in `train-tune`. The briefs
set uses its pool in that order (case n is the n-th user). So test users appear in no training
data of the project, and the four pools are disjoint.

Run from the repository root:  python3 eval/build/people/build.py
"""
import importlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import adversarial_briefs_cases  # noqa: E402
import adversarial_cases  # noqa: E402
import briefs2_cases  # noqa: E402
import briefs3_cases  # noqa: E402
import briefs4a_cases  # noqa: E402
import briefs4b_cases  # noqa: E402
import briefs5a_cases  # noqa: E402
import briefs5b_cases  # noqa: E402
import briefs_cases  # noqa: E402
import dev_cases  # noqa: E402
import test_cases  # noqa: E402
from labels import DATA, ROOT, USERS  # noqa: E402

SEED = 20261125
TEST_USERS = 120
DEV_TRAIN_USERS = 38
BRIEFS_USERS = 48
BRIEFS2_USERS = 48
ADVERSARIAL_BRIEFS_USERS = 40
BRIEFS3_USERS = 36
BRIEFS4_USERS = 48
BRIEFS5_USERS = 36
BRIEFS6_USERS = 40
BRIEFS7_USERS = 36
BRIEFS8_USERS = 36
BRIEFS9_USERS = 36
BRIEFS10_USERS = 36
BRIEFS11_USERS = 36
BRIEFS12_USERS = 36
BRIEFS13_USERS = 36
OPTIONS_DEV_USERS = 24


def train_held(uid):
    """Whether the user's retail_train tasks are in `train-held`: FNV-1a of the user id, as
    `part` in crates/planner/examples/build_sets.rs."""
    h = 0xCBF29CE484222325
    for b in uid.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h % 10 < 3


def pools():
    """The pools as sets; the briefs pool as a list in its order."""
    tasks_dev = json.loads((DATA / "tasks_dev.json").read_text())
    tasks_train = json.loads((DATA / "tasks_train.json").read_text())
    dev_task_users = {t["user_id"] for t in tasks_dev}
    train_task_users = {t["user_id"] for t in tasks_train}
    with_orders = sorted(uid for uid, u in USERS.items() if u["orders"])
    free = [u for u in with_orders if u not in dev_task_users and u not in train_task_users]
    train = [u for u in with_orders if u in train_task_users and u not in dev_task_users]
    rng = random.Random(SEED)
    rng.shuffle(free)
    rng.shuffle(train)
    rest = train[DEV_TRAIN_USERS:]
    briefs = [u for u in rest if train_held(u)][-BRIEFS_USERS:]
    named = set()
    for c in adversarial_cases.CASES:
        named.update([c["user_id"]] + c.get("other_user_ids", []))
    unused = [u for u in rest if u not in briefs and u not in named]
    briefs2 = unused[:BRIEFS2_USERS]
    adversarial_briefs = unused[BRIEFS2_USERS:BRIEFS2_USERS + ADVERSARIAL_BRIEFS_USERS]
    after = BRIEFS2_USERS + ADVERSARIAL_BRIEFS_USERS
    briefs3 = unused[after:after + BRIEFS3_USERS]
    # The pools above leave one user unused, so the fourth briefs set reuses the users of
    # people_test's held-out half (even case ids, in id order): users nothing was tuned on.
    test_cases_b = [c for c in test_cases.CASES if int(c["id"].split("-")[-1]) % 2 == 0]
    briefs4 = [c["user_id"] for c in test_cases_b][:BRIEFS4_USERS]
    # The fifth reuses the users of people_dev (in case order): its e-mails are tuned on, but
    # nothing in frontdesk is written for a customer, only for how people write.
    briefs5 = [c["user_id"] for c in dev_cases.CASES][:BRIEFS5_USERS]
    # The sixth reuses the users of people_test's tuned half (odd case ids, in id order).
    test_cases_a = [c for c in test_cases.CASES if int(c["id"].split("-")[-1]) % 2 == 1]
    briefs6 = [c["user_id"] for c in test_cases_a][:BRIEFS6_USERS]
    # The seventh reuses the users of people_briefs3 (in case order; tuned on since session 9).
    briefs7 = list(briefs3[:BRIEFS7_USERS])
    # The eighth reuses the users of people_briefs2 (tuned on, both halves), from its 25th
    # user on and then its first: the 24 that people_options_dev does not use come first.
    briefs8 = (briefs2[BRIEFS2_USERS // 2:] + briefs2[:BRIEFS2_USERS // 2])[:BRIEFS8_USERS]
    # The ninth reuses the users of people_dev after the 36 that people_briefs5 took.
    briefs9 = [c["user_id"] for c in dev_cases.CASES][BRIEFS5_USERS:BRIEFS5_USERS + BRIEFS9_USERS]
    # The tenth reuses the users of people_briefs (tuned on, both halves), in its case order.
    briefs10 = list(briefs[:BRIEFS10_USERS])
    # The eleventh reuses the users of people_briefs4 (held out; its users come from
    # people_test's held-out half), in its case order.
    briefs11 = list(briefs4[:BRIEFS11_USERS])
    # The twelfth reuses the users of people_briefs6 (people_test's tuned half), in its case
    # order.
    briefs12 = list(briefs6[:BRIEFS12_USERS])
    # The thirteenth reuses the users of people_briefs9 (people_dev's after the first 36), in
    # its case order.
    briefs13 = list(briefs9[:BRIEFS13_USERS])
    return {
        "test": set(free[:TEST_USERS]),
        "dev": set(free[TEST_USERS:]) | set(train[:DEV_TRAIN_USERS]),
        "adversarial": set(rest) - set(briefs) - set(briefs2) - set(adversarial_briefs)
        - set(briefs3),
        "briefs": briefs,
        "briefs2": briefs2,
        "adversarial_briefs": set(adversarial_briefs),
        "briefs3": briefs3,
        "briefs4": briefs4,
        "briefs5": briefs5,
        "briefs6": briefs6,
        # the two writers' parts, each checked on its own while it is written
        "briefs6a": briefs6[:BRIEFS6_USERS // 2],
        "briefs6b": briefs6[BRIEFS6_USERS // 2:],
        "briefs7": briefs7,
        "briefs7a": briefs7[:BRIEFS7_USERS // 2],
        "briefs7b": briefs7[BRIEFS7_USERS // 2:],
        "briefs8": briefs8,
        "briefs8a": briefs8[:BRIEFS8_USERS // 2],
        "briefs8b": briefs8[BRIEFS8_USERS // 2:],
        "briefs9": briefs9,
        "briefs9a": briefs9[:BRIEFS9_USERS // 2],
        "briefs9b": briefs9[BRIEFS9_USERS // 2:],
        "briefs10": briefs10,
        "briefs10a": briefs10[:BRIEFS10_USERS // 2],
        "briefs10b": briefs10[BRIEFS10_USERS // 2:],
        "briefs11": briefs11,
        "briefs11a": briefs11[:BRIEFS11_USERS // 2],
        "briefs11b": briefs11[BRIEFS11_USERS // 2:],
        "briefs12": briefs12,
        "briefs12a": briefs12[:BRIEFS12_USERS // 2],
        "briefs12b": briefs12[BRIEFS12_USERS // 2:],
        "briefs13": briefs13,
        "briefs13a": briefs13[:BRIEFS13_USERS // 2],
        "briefs13b": briefs13[BRIEFS13_USERS // 2:],
        # a second adversarial briefs set, by another writer, on the same pool's users
        "adversarial_briefs2": set(adversarial_briefs),
        # a third, by one more writer, on the same pool's users
        "adversarial_briefs3": set(adversarial_briefs),
        # a fourth, by one more writer, on the same pool's users
        "adversarial_briefs4": set(adversarial_briefs),
        # a development set of option changes, on the users of people_briefs2 (tuned on)
        "options_dev": briefs2[:OPTIONS_DEV_USERS],
    }


def cases_of(*modules):
    """The cases of the named case modules, imported only when their set is written (a part
    still being written by one writer does not stop the other's build)."""
    return [c for m in modules for c in importlib.import_module(m).CASES]


def main(only):
    """Writes every set, or only the named ones (`only`: file names)."""
    pool = pools()
    sets = [
        ("people_dev.jsonl", dev_cases.CASES, "dev"),
        ("people_test.jsonl", test_cases.CASES, "test"),
        ("adversarial_people.jsonl", adversarial_cases.CASES, "adversarial"),
        ("people_briefs.jsonl", briefs_cases.CASES, "briefs"),
        ("people_briefs2.jsonl", briefs2_cases.CASES, "briefs2"),
        ("adversarial_briefs.jsonl", adversarial_briefs_cases.CASES, "adversarial_briefs"),
        ("people_briefs3.jsonl", briefs3_cases.CASES, "briefs3"),
        ("people_briefs4.jsonl", briefs4a_cases.CASES + briefs4b_cases.CASES, "briefs4"),
        ("people_briefs5.jsonl", briefs5a_cases.CASES + briefs5b_cases.CASES, "briefs5"),
        ("people_briefs6.jsonl", ("briefs6a_cases", "briefs6b_cases"), "briefs6"),
        ("people_options_dev.jsonl", ("options_dev_cases",), "options_dev"),
        ("people_briefs7.jsonl", ("briefs7a_cases", "briefs7b_cases"), "briefs7"),
        ("people_briefs8.jsonl", ("briefs8a_cases", "briefs8b_cases"), "briefs8"),
        ("people_briefs9.jsonl", ("briefs9a_cases", "briefs9b_cases"), "briefs9"),
        ("people_briefs10.jsonl", ("briefs10a_cases", "briefs10b_cases"), "briefs10"),
        ("people_briefs11.jsonl", ("briefs11a_cases", "briefs11b_cases"), "briefs11"),
        ("people_briefs12.jsonl", ("briefs12a_cases", "briefs12b_cases"), "briefs12"),
        ("people_briefs13.jsonl", ("briefs13a_cases", "briefs13b_cases"), "briefs13"),
        ("adversarial_briefs2.jsonl", ("adversarial_briefs2_cases",), "adversarial_briefs2"),
        ("adversarial_briefs3.jsonl", ("adversarial_briefs3_cases",), "adversarial_briefs3"),
        ("adversarial_briefs4.jsonl", ("adversarial_briefs4_cases",), "adversarial_briefs4"),
    ]
    # A writer's part on its own, only when named.
    parts = [("people_briefs6a.jsonl", ("briefs6a_cases",), "briefs6a"),
             ("people_briefs6b.jsonl", ("briefs6b_cases",), "briefs6b"),
             ("people_briefs7a.jsonl", ("briefs7a_cases",), "briefs7a"),
             ("people_briefs7b.jsonl", ("briefs7b_cases",), "briefs7b"),
             ("people_briefs8a.jsonl", ("briefs8a_cases",), "briefs8a"),
             ("people_briefs8b.jsonl", ("briefs8b_cases",), "briefs8b"),
             ("people_briefs9a.jsonl", ("briefs9a_cases",), "briefs9a"),
             ("people_briefs9b.jsonl", ("briefs9b_cases",), "briefs9b"),
             ("people_briefs10a.jsonl", ("briefs10a_cases",), "briefs10a"),
             ("people_briefs10b.jsonl", ("briefs10b_cases",), "briefs10b"),
             ("people_briefs11a.jsonl", ("briefs11a_cases",), "briefs11a"),
             ("people_briefs11b.jsonl", ("briefs11b_cases",), "briefs11b"),
             ("people_briefs12a.jsonl", ("briefs12a_cases",), "briefs12a"),
             ("people_briefs12b.jsonl", ("briefs12b_cases",), "briefs12b"),
             ("people_briefs13a.jsonl", ("briefs13a_cases",), "briefs13a"),
             ("people_briefs13b.jsonl", ("briefs13b_cases",), "briefs13b")]
    if only:
        sets = [s for s in sets + parts if s[0] in only]
    for name, cases, which in sets:
        if isinstance(cases, tuple):
            cases = cases_of(*cases)
        for c in cases:
            involved = [c["user_id"]] + c.get("other_user_ids", [])
            outside = [u for u in involved if u not in pool[which]]
            if outside:
                sys.exit(f"{c['id']}: user {outside} is not in the {which} pool")
        users = [c["user_id"] for c in cases]
        if not which.startswith("adversarial") and len(users) != len(set(users)):
            sys.exit(f"{name}: a user has two cases")
        if which.startswith("briefs") and users != pool[which][:len(users)]:
            sys.exit(f"{name}: case n must be the {which} pool's n-th user")
        out = ROOT / "eval" / "sets" / name
        with out.open("w") as f:
            for c in cases:
                f.write(json.dumps(c) + "\n")
        print(f"wrote {len(cases)} cases to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
