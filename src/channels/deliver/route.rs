//! Which adapters a record goes to. A resolution goes back where its ticket came from. A
//! handoff goes to the helpdesk it came from (Zendesk, Intercom), to the team's mailbox
//! (e-mail), or, for channels without a place for people (SMS, generic), to the fallback
//! (the signed webhook) and, for SMS, a notice to the customer when one is configured. A
//! notification goes out on its own channel's provider (e-mail by SMTP, SMS by Twilio,
//! others by the signed webhook).

use std::collections::HashMap;
use std::sync::Arc;

use super::adapter::{Adapter, Outgoing, Record};
use crate::channels::config::HandoffFallback;
use crate::channels::origin::Provider;

/// The configured adapters.
#[derive(Clone)]
pub struct Routes {
    adapters: HashMap<Provider, Arc<dyn Adapter>>,
    handoff_fallback: HandoffFallback,
}

/// One destination of a record: its adapter, or why there is none.
pub type Target = Result<Arc<dyn Adapter>, String>;

impl Routes {
    /// Over `adapters` (one per provider).
    pub fn new(adapters: Vec<Arc<dyn Adapter>>, handoff_fallback: HandoffFallback) -> Routes {
        Routes {
            adapters: adapters.into_iter().map(|a| (a.provider(), a)).collect(),
            handoff_fallback,
        }
    }

    /// The providers served.
    pub fn providers(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self.adapters.keys().map(|p| p.as_str()).collect();
        v.sort_unstable();
        v
    }

    fn get(&self, p: Provider) -> Target {
        self.adapters.get(&p).cloned().ok_or_else(|| {
            format!(
                "no {} adapter is configured ([channels.{}])",
                p.as_str(),
                p.as_str()
            )
        })
    }

    /// Where `out` goes.
    pub fn targets(&self, out: &Outgoing) -> Vec<Target> {
        let origin = out.origin_provider;
        match (&out.record, origin) {
            (Record::Resolution(_), p) => vec![self.get(p)],
            (Record::Notification(n), _) => {
                vec![self.get(Provider::default_for(n.notification.channel))]
            }
            (Record::Handoff(_), Provider::Zendesk | Provider::Intercom | Provider::Email) => {
                vec![self.get(origin)]
            }
            (Record::Handoff(_), Provider::Generic) => vec![self.get(Provider::Generic)],
            (Record::Handoff(_), Provider::Twilio) => {
                let mut v = Vec::new();
                if let Some(t) = self.adapters.get(&Provider::Twilio) {
                    if t.parts(out).is_ok() {
                        // Only when a notice is configured does the customer hear of it.
                        v.push(Ok(t.clone()));
                    }
                }
                match self.handoff_fallback {
                    HandoffFallback::Webhook => v.push(self.get(Provider::Generic)),
                    HandoffFallback::None => v.push(Err(
                        "an SMS handoff has no destination ([channels.deliver] handoff_fallback = \"none\")"
                            .to_owned(),
                    )),
                }
                v
            }
        }
    }
}
