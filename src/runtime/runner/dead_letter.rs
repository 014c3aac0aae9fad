//! Dead letters: a record no attempt can process, kept whole with its reason on the
//! dead-letter topic so the offset moves on.

use rdkafka::message::{Headers, Message, OwnedMessage};

use super::worker::{Output, Planned, Stop, Worker};
use crate::messages::{now_ms, DeadLetter, RecordKind};

impl Worker {
    /// The dead letter for `msg`, as the one output to deliver; `None` if stopped while
    /// encoding it.
    pub(super) async fn dead_letter(
        &self,
        msg: &OwnedMessage,
        kind: &'static str,
        reason: &str,
        stop: &Stop,
    ) -> Option<Planned> {
        let headers = msg
            .headers()
            .map(|h| {
                h.iter()
                    .filter_map(|hd| {
                        hd.value
                            .and_then(|v| std::str::from_utf8(v).ok())
                            .map(|v| (hd.key.to_owned(), v.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let dl = DeadLetter {
            original_value: msg.payload().map(<[u8]>::to_vec),
            original_key: msg.key().map(<[u8]>::to_vec),
            source_topic: msg.topic().to_owned(),
            source_partition: msg.partition(),
            source_offset: msg.offset(),
            stage: self.stage.name().to_owned(),
            error_kind: kind.to_owned(),
            reason: reason.to_owned(),
            headers,
            failed_at: now_ms(),
        };
        let value = self
            .retry("encode the dead letter", stop, || {
                self.codec
                    .encode(RecordKind::DeadLetter, &self.wiring.deadletter, &dl)
            })
            .await?;
        Some(Planned {
            outputs: vec![Output {
                topic: self.wiring.deadletter.clone(),
                key: msg.key().unwrap_or_default().to_vec(),
                value,
            }],
            finish: None,
        })
    }
}
