//! What each fuzz target does with one input, shared by the libFuzzer targets
//! (`fuzz_targets/*.rs`, nightly) and the stable test suite, which replays every kept
//! crashing input and seed through the same functions (`tests/it/fuzz_regressions.rs`
//! includes this file). Any result is fine; a panic, an abort or a hang is a finding.
//!
//! - [`ticket_avro`]: inbound ticket decoding, Confluent Avro.
//! - [`ticket_json`]: inbound ticket decoding, JSON.
//! - [`planner_text`]: the offline planner reading a customer's message.

use std::sync::{Arc, OnceLock};

use async_trait::async_trait;
use frontdesk::messages::{Channel, Codec, LocalSchemas};
use frontdesk_planner::{
    ConversationState, Identity, OfflinePlanner, PlanRequest, Planner, ProposedWrite, ToolFailure,
    ToolRunner,
};
use frontdesk_sandbox::{default_data_dir, Store};
use serde_json::{json, Value};

/// Schema ids the Avro target frames its input with, picked by the input's first byte:
/// mostly the two ticket schemas (v1, v2), then an envelope's (a known schema of another
/// kind), a resolution's, and two ids no schema has.
const SCHEMA_IDS: [u8; 8] = [1, 2, 1, 2, 12, 20, 0, 99];

/// A single-threaded runtime for the async decoders and the planner (built once).
fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread runtime")
    })
}

fn codec() -> &'static Codec {
    static CODEC: OnceLock<Codec> = OnceLock::new();
    CODEC.get_or_init(|| Codec::new(Arc::new(LocalSchemas), Default::default()))
}

/// Ticket decoding, Avro side: the first byte picks a schema id from [`SCHEMA_IDS`], the
/// rest follows the Confluent framing (magic byte 0, the id) as the datum, so most inputs
/// get past the framing to the decoder the router runs (`Codec::decode_ticket`, its
/// hand-written direct reader first). The raw input is decoded as well. Returns whether
/// the framed input decoded to a ticket.
pub fn ticket_avro(data: &[u8]) -> bool {
    let id = SCHEMA_IDS[usize::from(data.first().copied().unwrap_or(0) % 8)];
    let mut framed = vec![0u8, 0, 0, 0, id];
    framed.extend_from_slice(data.get(1..).unwrap_or_default());
    runtime().block_on(async {
        let _ = codec().decode_ticket(data, None).await;
        codec()
            .decode_ticket(&framed, Some(Channel::Email))
            .await
            .is_ok()
    })
}

/// Ticket decoding, JSON side: the input (behind a `{` when it does not start with one)
/// through `Codec::decode_ticket`, as read from the chat topic. Returns whether it decoded
/// to a ticket.
pub fn ticket_json(data: &[u8]) -> bool {
    let mut json = Vec::with_capacity(data.len() + 1);
    if data.first() != Some(&b'{') {
        json.push(b'{');
    }
    json.extend_from_slice(data);
    runtime().block_on(async {
        codec()
            .decode_ticket(&json, Some(Channel::Chat))
            .await
            .is_ok()
    })
}

/// A real customer of the seed data and one of their orders, so reads and slot
/// resolution run.
const EMAIL: &str = "mia.garcia2723@example.com";
const USER: &str = "mia_garcia_4516";
const ORDER: &str = "#W7387996";

/// The seeded store, read-only: the planner only reads.
struct Reads(Store);

#[async_trait]
impl ToolRunner for Reads {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        self.0
            .apply(tool, &args, None)
            .await
            .map_err(|e| ToolFailure::Refused {
                tool: tool.to_owned(),
                code: e.to_string(),
                message: String::new(),
            })
    }
}

fn planner() -> &'static (Reads, OfflinePlanner) {
    static P: OnceLock<(Reads, OfflinePlanner)> = OnceLock::new();
    P.get_or_init(|| {
        let store = runtime()
            .block_on(Store::open("sqlite::memory:", &default_data_dir()))
            .expect("the seeded store");
        let planner = OfflinePlanner::shipped().expect("the shipped procedures");
        (Reads(store), planner)
    })
}

/// The conversation before the turn, picked by bits 2 and 3 of the selector byte: fresh,
/// waiting on a question, or waiting on the customer's "yes" to a proposed cancellation.
fn state(selector: u8) -> ConversationState {
    let mut state = ConversationState::default();
    match (selector >> 2) % 3 {
        1 => {
            state.question = Some("Which order do you mean?".to_owned());
            state.context = vec!["I want to return my order".to_owned()];
        }
        2 => {
            state.user_id = Some(USER.to_owned());
            state.pending = vec![ProposedWrite::new(
                "cancel_pending_order",
                json!({"order_id": ORDER, "reason": "no longer needed"}),
                format!("cancel order {ORDER} (no longer needed)"),
                USER,
            )];
            state.question = Some(format!(
                "Shall I cancel order {ORDER}? Please reply yes or no."
            ));
            state.context = vec![format!("Please cancel order {ORDER}, I no longer need it.")];
        }
        _ => {}
    }
    state
}

/// The planner's text handling: the input after its first byte, as an e-mail address's
/// customer's message, planned against the seeded store (read-only) so the text reaches
/// request extraction and order, item, variant, address and payment resolution, and the
/// reading of an answer or a confirmation. The first byte picks the channel (bits 0–1) and
/// the conversation's state ([`state`]).
pub fn planner_text(data: &[u8]) {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let (store, planner) = planner();
    let channel = Channel::ALL[usize::from(selector) % Channel::ALL.len()];
    let req = PlanRequest {
        subject: String::new(),
        body: String::from_utf8_lossy(text).into_owned(),
        channel,
        identity: Identity {
            email: Some(EMAIL.to_owned()),
            ..Identity::default()
        },
        intents: Vec::new(),
        state: state(selector),
        allow_list: Vec::new(),
    };
    let _ = runtime().block_on(planner.plan(&req, store));
}
