//! What a record's task tells the dispatcher: its key is free, then its offset is done.

use tokio::sync::mpsc;

use super::tracking::Tp;

/// A finished (or abandoned) record, reported to the dispatcher.
#[derive(Debug)]
pub(super) struct Done {
    pub(super) tp: Tp,
    /// The partition assignment it was fetched under.
    pub(super) epoch: u64,
    pub(super) offset: i64,
    /// Its outputs are acknowledged: the offset may be committed. False: abandoned (it
    /// will be read again).
    pub(super) finished: bool,
}

/// What a record's task tells the dispatcher, in this order: `Released` once, then `Done`.
#[derive(Debug)]
pub(super) enum Report {
    /// The record no longer needs its key or its running slot: its outputs are with the
    /// producer, or it was abandoned.
    Released(Vec<u8>),
    /// Its outputs are acknowledged (or it was abandoned): the offset can be booked.
    Done(Done),
}

/// Releases a record's key and slot exactly once: when told to, or when dropped.
pub(super) struct Release {
    tx: mpsc::UnboundedSender<Report>,
    key: Option<Vec<u8>>,
}

impl Release {
    /// A release for the record of `key`, reported on `tx`.
    pub(super) fn new(tx: mpsc::UnboundedSender<Report>, key: Vec<u8>) -> Self {
        Release { tx, key: Some(key) }
    }

    /// Releases now (a no-op if already released).
    pub(super) fn now(&mut self) {
        if let Some(key) = self.key.take() {
            let _ = self.tx.send(Report::Released(key));
        }
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        self.now();
    }
}
