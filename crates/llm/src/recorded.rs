//! A provider that replays recorded responses, for offline tests of the stages that use models.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::LlmError;
use crate::message::{ChatRequest, ChatResponse};
use crate::provider::Provider;

/// The hash a [`Recorded`] provider keys responses by: SHA-256 (hex) of the request's JSON
/// (model, system, messages, tools, max_tokens, temperature; not the timeout).
pub fn request_hash(req: &ChatRequest) -> String {
    let json = serde_json::to_vec(req).unwrap_or_default();
    hex::encode(Sha256::digest(&json))
}

/// One entry of a fixture file: a response, keyed by a request hash or replayed in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedEntry {
    /// [`request_hash`] of the request this answers; absent for in-order replay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_hash: Option<String>,
    /// The response.
    pub response: ChatResponse,
}

#[derive(Debug)]
enum Replay {
    InOrder(VecDeque<Result<ChatResponse, LlmError>>),
    ByHash(HashMap<String, ChatResponse>),
}

/// Replays responses: in order (each call takes the next; errors too, to script an outage) or
/// by [`request_hash`] (the same request always gets the same answer). Records every request.
#[derive(Debug)]
pub struct Recorded {
    replay: Mutex<Replay>,
    seen: Mutex<Vec<ChatRequest>>,
}

impl Recorded {
    /// Replays `responses` in order; past the end every call is [`LlmError::NotRecorded`].
    pub fn in_order(responses: impl IntoIterator<Item = ChatResponse>) -> Self {
        Self::script(responses.into_iter().map(Ok))
    }

    /// Replays results (responses and errors) in order.
    pub fn script(results: impl IntoIterator<Item = Result<ChatResponse, LlmError>>) -> Self {
        Self::with(Replay::InOrder(results.into_iter().collect()))
    }

    /// Answers each request with the response recorded under its [`request_hash`].
    pub fn by_hash(entries: impl IntoIterator<Item = (String, ChatResponse)>) -> Self {
        Self::with(Replay::ByHash(entries.into_iter().collect()))
    }

    /// Loads a JSON array of [`RecordedEntry`]: by hash when every entry has `request_hash`,
    /// in order when none has.
    pub fn from_json(json: &str) -> Result<Self, LlmError> {
        let entries: Vec<RecordedEntry> = serde_json::from_str(json)
            .map_err(|e| LlmError::BadResponse(format!("recorded fixture: {e}")))?;
        let keyed = entries.iter().filter(|e| e.request_hash.is_some()).count();
        if keyed == entries.len() && keyed > 0 {
            Ok(Self::by_hash(
                entries
                    .into_iter()
                    .filter_map(|e| Some((e.request_hash?, e.response))),
            ))
        } else if keyed == 0 {
            Ok(Self::in_order(entries.into_iter().map(|e| e.response)))
        } else {
            Err(LlmError::BadResponse(
                "recorded fixture mixes keyed and ordered entries".to_owned(),
            ))
        }
    }

    /// [`Recorded::from_json`] on a file.
    pub fn from_file(path: &Path) -> Result<Self, LlmError> {
        let json = std::fs::read_to_string(path)
            .map_err(|e| LlmError::BadResponse(format!("{}: {e}", path.display())))?;
        Self::from_json(&json)
    }

    /// The requests received so far, in order.
    pub fn requests(&self) -> Vec<ChatRequest> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn with(replay: Replay) -> Self {
        Self {
            replay: Mutex::new(replay),
            seen: Mutex::new(Vec::new()),
        }
    }
}

#[async_trait]
impl Provider for Recorded {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(req.clone());
        let mut replay = self.replay.lock().unwrap_or_else(|e| e.into_inner());
        match &mut *replay {
            Replay::InOrder(queue) => queue
                .pop_front()
                .unwrap_or_else(|| Err(LlmError::NotRecorded("no responses left".to_owned()))),
            Replay::ByHash(map) => {
                let hash = request_hash(req);
                map.get(&hash)
                    .cloned()
                    .ok_or(LlmError::NotRecorded(format!("request {hash}")))
            }
        }
    }
}
