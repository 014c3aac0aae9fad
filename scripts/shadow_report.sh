#!/usr/bin/env bash
# A shadow report over an imported backlog, on one machine with the embedded defaults.
#
#     scripts/shadow_report.sh
#
# 1. scripts/shadow_backlog.py builds the backlog (1,020 tickets: 520 tau-bench retail
#    e-mails resolved with store actions, 500 Bitext/Banking77 chats answered by a reply) and
#    what a person did with each (recorded.jsonl).
# 2. A retail sandbox store serves the shipped seed on a free loopback port (reads only: the
#    shadow run's store client refuses every write).
# 3. `frontdesk run --shadow --demo` starts the four stages on the embedded broker
#    (librdkafka's mock cluster, in that process, listening on a loopback port it logs).
# 4. `frontdesk import` publishes the backlog onto the live inbound topics of that broker,
#    by its address (import, like shadow report, refuses the `embedded` keyword itself).
# 5. `frontdesk shadow report` is read until every ticket has a shadow outcome (or progress
#    stalls), then written as JSON + HTML and as text into docs/shadow/.
# 6. The shadow run and the store are stopped (SIGINT: the stages drain and commit). The
#    embedded broker lives in the shadow run's process, so the reports come before this.
#
# Uses "${CARGO_TARGET_DIR:-target}/debug/frontdesk" unless FRONTDESK_BIN is set (it does not
# build: `cargo build` first). Every run starts from scratch in $SHADOW_WORK (default
# target/shadow-run): import dedupes by ticket id in its state database, so a reused one
# would publish nothing to the fresh broker.
#
# Environment: SHADOW_WORK, SHADOW_OUT (default docs/shadow), SHADOW_STALL_SECS (give up
# waiting when no new outcome arrived for this long; default 600), SHADOW_TIMEOUT_SECS
# (overall wait; default 7200), FRONTDESK_TOKEN_KEY / FRONTDESK_VAULT_KEY (drawn at random
# when unset; import and the shadow run must share them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BIN="${FRONTDESK_BIN:-${CARGO_TARGET_DIR:-target}/debug/frontdesk}"
WORK="${SHADOW_WORK:-$ROOT/target/shadow-run}"
OUT="${SHADOW_OUT:-$ROOT/docs/shadow}"
STALL_SECS="${SHADOW_STALL_SECS:-600}"
TIMEOUT_SECS="${SHADOW_TIMEOUT_SECS:-7200}"

[[ -x "$BIN" ]] || { echo "no frontdesk binary at $BIN: run cargo build (or set FRONTDESK_BIN)" >&2; exit 1; }
case "$WORK" in /*) ;; *) WORK="$ROOT/$WORK" ;; esac

rm -rf "$WORK"
mkdir -p "$WORK" "$OUT"

# Everything below runs on the defaults except where the pieces must meet: a fresh live state
# database (import's channel_inbox and the PII vault), the shadow run's own state database,
# and one pair of vault keys. kafka.brokers stays `embedded` for the shadow run itself.
unset FRONTDESK_CONFIG FRONTDESK__KAFKA__BROKERS FRONTDESK__KAFKA__GROUP_PREFIX \
    FRONTDESK__TOPICS__PREFIX FRONTDESK__AGENT__STORE_URL FRONTDESK__SHADOW__ENABLED \
    FRONTDESK__SHADOW__MARKER FRONTDESK__SHADOW__VAULT_URL
export FRONTDESK__STATE__URL="sqlite://$WORK/state.db?mode=rwc"
export FRONTDESK__SHADOW__STATE_URL="sqlite://$WORK/shadow.db?mode=rwc"
key() { python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'; }
export FRONTDESK_TOKEN_KEY="${FRONTDESK_TOKEN_KEY:-$(key)}"
export FRONTDESK_VAULT_KEY="${FRONTDESK_VAULT_KEY:-$(key)}"

STORE_PID=""
RUN_PID=""
stop() {
    # SIGINT, as Ctrl-C: the stages drain and commit, the store stops; then wait for each.
    local pid
    for pid in "$RUN_PID" "$STORE_PID"; do
        [[ -n "$pid" ]] && kill -INT "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    RUN_PID=""
    STORE_PID=""
}
trap stop EXIT

# Waits until `pattern` (an extended regex) appears in `file`, printing the first match;
# fails if process `pid` exits first or after `secs` seconds.
wait_for_line() {
    local file="$1" pattern="$2" pid="$3" secs="$4" what="$5" found
    for ((i = 0; i < secs * 5; i++)); do
        found="$(grep -oE "$pattern" "$file" 2>/dev/null | head -n 1 || true)"
        if [[ -n "$found" ]]; then
            echo "$found"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { echo "$what exited; its log:" >&2; cat "$file" >&2; return 1; }
        sleep 0.2
    done
    echo "$what did not start within $secs s; its log:" >&2
    cat "$file" >&2
    return 1
}

# 1. The backlog and the recorded outcomes.
python3 scripts/shadow_backlog.py "$WORK/backlog"
BACKLOG="$WORK/backlog/backlog.jsonl"
RECORDED="$WORK/backlog/recorded.jsonl"
TICKETS="$(grep -c . "$BACKLOG")"
echo "backlog: $TICKETS tickets"
(( TICKETS >= 1000 )) || { echo "expected at least 1,000 tickets" >&2; exit 1; }

# 2. The store the shadow run reads (port 0: the address it prints).
"$BIN" sandbox serve --listen 127.0.0.1:0 --db "sqlite://$WORK/sandbox.db?mode=rwc" \
    2>"$WORK/sandbox.log" &
STORE_PID=$!
STORE_URL="$(wait_for_line "$WORK/sandbox.log" 'http://127\.0\.0\.1:[0-9]+' "$STORE_PID" 60 "the sandbox store")"
echo "store: $STORE_URL"

# 3. The shadow run on the embedded broker; its JSON log names the broker's address.
FRONTDESK__AGENT__STORE_URL="$STORE_URL" RUST_LOG="warn,frontdesk=info" \
    "$BIN" --log-json run --shadow --demo 2>"$WORK/run.log" &
RUN_PID=$!
wait_for_line "$WORK/run.log" '"embedded broker started"' "$RUN_PID" 120 "the shadow run" >/dev/null
BROKERS="$(python3 - "$WORK/run.log" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    try:
        fields = json.loads(line).get("fields", {})
    except ValueError:
        continue
    if fields.get("message") == "embedded broker started":
        print(fields["brokers"])
        break
EOF
)"
[[ -n "$BROKERS" ]] || { echo "no broker address in $WORK/run.log" >&2; exit 1; }
echo "embedded broker: $BROKERS (shadow run pid $RUN_PID, log $WORK/run.log)"

# 4. The backlog onto the live inbound topics.
FRONTDESK__KAFKA__BROKERS="$BROKERS" "$BIN" import "$BACKLOG" --dry-run --no-progress
FRONTDESK__KAFKA__BROKERS="$BROKERS" "$BIN" import "$BACKLOG" --no-progress

# 5. Wait until every ticket has a shadow outcome, or none arrived for SHADOW_STALL_SECS (a
#    dead-lettered ticket never gets one; the report lists it as "recorded, not in shadow").
report() { FRONTDESK__KAFKA__BROKERS="$BROKERS" "$BIN" shadow report --recorded "$RECORDED" "$@"; }
count() { python3 -c 'import json, sys; print(json.load(sys.stdin)["total"]["tickets"])'; }
start=$SECONDS
last=-1
last_change=$SECONDS
while :; do
    kill -0 "$RUN_PID" 2>/dev/null || { echo "the shadow run exited; its log: $WORK/run.log" >&2; exit 1; }
    done_now="$(report --json | count)"
    if (( done_now != last )); then
        echo "shadow outcomes: $done_now of $TICKETS ($((SECONDS - start)) s)"
        last=$done_now
        last_change=$SECONDS
    fi
    (( done_now >= TICKETS )) && break
    if (( SECONDS - last_change >= STALL_SECS || SECONDS - start >= TIMEOUT_SECS )); then
        echo "warning: $done_now of $TICKETS tickets have a shadow outcome; reporting those" >&2
        # The shadow run dead-letters onto its own topic, <topics.prefix>.shadow.deadletter.
        FRONTDESK__KAFKA__BROKERS="$BROKERS" FRONTDESK__TOPICS__PREFIX="frontdesk.shadow" \
            "$BIN" dlq list >"$WORK/deadletters.txt" 2>&1 || true
        echo "the shadow run's dead letters: $WORK/deadletters.txt" >&2
        break
    fi
    sleep 10
done

# The same records, three ways (the run is idle now, so the calls read the same topics).
TITLE="scripts/shadow_backlog.py: $TICKETS tickets (tau-bench retail train + dev, Bitext, Banking77) on the embedded broker"
report --json --html "$OUT/report.html" --title "$TITLE" >"$OUT/report.json"
report >"$OUT/report.txt"

# 6. Stop the shadow run (and with it the broker), then the store.
stop
trap - EXIT

head -n 16 "$OUT/report.txt"
echo "wrote $OUT/report.txt, $OUT/report.json, $OUT/report.html"
