//! Zendesk ticket exports: `{"tickets": [...]}` as the Tickets API and the incremental
//! export list them, or one ticket object per line. Each open ticket (`new`, `open`,
//! `pending`, `hold`) becomes a ticket whose answer deliver posts on that Zendesk ticket;
//! solved and closed ones are counted and skipped.

use std::path::Path;

use serde_json::Value;

use super::source::{lines, Place, Unit, Units};
use crate::channels::accept::Inbound;
use crate::channels::gateway::zendesk::{id_text, inbound, Fields};
use crate::messages::Identity;

/// The tickets of an export.
pub fn units(path: &Path) -> std::io::Result<Units> {
    let first = std::fs::read(path)?
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace());
    let whole: Option<Value> = match first {
        Some(b'{') => {
            let v: Value =
                serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(path)?))
                    .map_err(std::io::Error::other)?;
            v.get("tickets").is_some().then_some(v)
        }
        _ => None,
    };
    match whole {
        Some(mut v) => {
            let tickets = match v["tickets"].take() {
                Value::Array(a) => a,
                _ => return Err(std::io::Error::other("`tickets` is not an array")),
            };
            let size = std::fs::metadata(path)?.len();
            let n = tickets.len().max(1) as u64;
            Ok(Box::new(tickets.into_iter().enumerate().map(
                move |(i, t)| {
                    let place = Place::File(format!("tickets[{i}]"));
                    Ok((place, unit(&t), size * (i as u64 + 1) / n))
                },
            )))
        }
        None => Ok(Box::new(lines(path)?.map(|r| {
            r.map(|(line, text, read)| {
                let unit = match serde_json::from_str::<Value>(&text) {
                    Ok(t) => unit(&t),
                    Err(e) => Unit::Ready(Err(format!("JSON: {e}"))),
                };
                (Place::Line(line), unit, read)
            })
        }))),
    }
}

fn unit(t: &Value) -> Unit {
    let status = t["status"].as_str().unwrap_or("open");
    if matches!(status, "solved" | "closed") {
        return Unit::Skip("solved");
    }
    Unit::Ready(ticket(t).map(Box::new))
}

fn ticket(t: &Value) -> Result<Inbound, String> {
    let id = id_text(&t["id"]).ok_or("no ticket `id`")?;
    let body = t["description"]
        .as_str()
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| format!("ticket {id}: no `description`"))?
        .to_owned();
    let received_at = t["created_at"]
        .as_str()
        .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())
        .map(|d| d.timestamp_millis());
    Ok(inbound(Fields {
        ticket: id.clone(),
        message: format!("ticket:{id}"),
        ticket_id: format!("zendesk:ticket:{id}"),
        identity: Identity {
            helpdesk_user_id: id_text(&t["requester_id"]),
            name: t
                .pointer("/via/source/from/name")
                .and_then(Value::as_str)
                .map(str::to_owned),
            ..Default::default()
        },
        subject: t["subject"]
            .as_str()
            .or(t["raw_subject"].as_str())
            .map(str::to_owned),
        body,
        received_at,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_export_open_tickets_in_solved_ones_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("export.json");
        std::fs::write(&f, include_str!("golden/zendesk_export.json")).unwrap();
        let got: Vec<_> = units(&f).unwrap().map(Result::unwrap).collect();
        assert_eq!(got.len(), 3);
        let Unit::Ready(Ok(t)) = &got[0].1 else {
            panic!("a ticket")
        };
        assert_eq!(t.ticket.ticket_id, "zendesk:ticket:35436");
        assert_eq!(t.ticket.conversation_id, "zendesk:35436");
        assert_eq!(
            t.ticket.customer.helpdesk_user_id.as_deref(),
            Some("20978392")
        );
        assert_eq!(t.origin.thread_id.as_deref(), Some("35436"));
        assert!(matches!(got[1].1, Unit::Skip("solved")));
        let Unit::Ready(Err(why)) = &got[2].1 else {
            panic!("a bad ticket")
        };
        assert!(why.contains("description"), "{why}");
    }
}
