//! Integration tests: one binary, shared helpers. Every test gets random topic and group
//! names and its own database; each broker test runs against librdkafka's mock cluster and
//! against tansu (`FRONTDESK_TEST_KAFKA`, started by `scripts/test.sh`).

mod backlog;
mod channels;
mod chaos;
mod console;
mod console_hold;
mod console_store;
mod dlq;
mod eval;
mod faults;
mod fuzz_regressions;
mod guard_cli;
mod health;
mod helpers;
mod llm;
mod llm_planner;
mod pipeline;
mod plan_bound;
mod privacy;
mod production;
mod router_cli;
mod runtime;
mod shadow;
mod state;
mod trace;
