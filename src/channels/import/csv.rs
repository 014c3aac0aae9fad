//! CSV backlogs: a header row, then one ticket per record. Recognised columns: `body` (or
//! `text`, `message`; required), `ticket_id`, `conversation_id`, `channel`, `email`,
//! `phone`, `name`, `subject`, `received_at` (ms since the epoch or RFC 3339). A row
//! without `ticket_id` is named by the digest of its fields, so importing it again finds it.

use std::path::Path;

use super::source::{Place, Unit, Units};
use crate::channels::accept::Inbound;
use crate::channels::origin::digest_id;
use crate::messages::{now_ms, Channel, Identity, Ticket};

/// The records of a CSV file.
pub fn units(path: &Path, channel: Channel) -> std::io::Result<Units> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(io)?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(io)?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut records = reader.into_records();
    Ok(Box::new(std::iter::from_fn(move || {
        let record = records.next()?;
        Some(record.map_err(io).map(|r| {
            let pos = r.position().map(|p| (p.line(), p.byte())).unwrap_or((0, 0));
            let unit = Unit::Ready(row(&headers, &r, channel).map(Box::new));
            (Place::Line(pos.0), unit, pos.1)
        }))
    })))
}

fn io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

fn row(
    headers: &[String],
    r: &csv::StringRecord,
    default_channel: Channel,
) -> Result<Inbound, String> {
    let get = |names: &[&str]| {
        names.iter().find_map(|n| {
            let i = headers.iter().position(|h| h == n)?;
            r.get(i)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        })
    };
    let body = get(&["body", "text", "message"]).ok_or("no `body` (or `text`, `message`) value")?;
    let ticket_id = get(&["ticket_id"])
        .unwrap_or_else(|| format!("csv:{}", digest_id(&r.iter().collect::<Vec<_>>())));
    let channel = match get(&["channel"]) {
        Some(c) => Channel::parse(&c).ok_or_else(|| format!("unknown channel `{c}`"))?,
        None => default_channel,
    };
    let received_at = match get(&["received_at"]) {
        None => now_ms(),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .or_else(|| {
                chrono::DateTime::parse_from_rfc3339(&v)
                    .ok()
                    .map(|d| d.timestamp_millis())
            })
            .ok_or_else(|| format!("`received_at` is neither ms nor RFC 3339: {v}"))?,
    };
    Ok(Inbound::imported(Ticket {
        conversation_id: get(&["conversation_id"]).unwrap_or_else(|| ticket_id.clone()),
        ticket_id,
        channel,
        customer: Identity {
            email: get(&["email"]),
            phone: get(&["phone"]),
            helpdesk_user_id: None,
            name: get(&["name"]),
        },
        subject: get(&["subject"]),
        body,
        attachments: vec![],
        received_at,
        headers: Default::default(),
        locale: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_tickets_and_bad_rows_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("b.csv");
        std::fs::write(
            &f,
            "text,intent,email\nwhere is my order?,track_order,a@example.com\n,cancel_order,\n\"multi\nline\",x,\n",
        )
        .unwrap();
        let units: Vec<_> = units(&f, Channel::Chat)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(units.len(), 3);
        let (place, Unit::Ready(Ok(first)), _) = &units[0] else {
            panic!("a ticket")
        };
        assert_eq!(*place, Place::Line(2));
        assert_eq!(first.ticket.body, "where is my order?");
        assert_eq!(first.ticket.channel, Channel::Chat);
        assert_eq!(
            first.ticket.customer.email.as_deref(),
            Some("a@example.com")
        );
        assert!(first.ticket.ticket_id.starts_with("csv:"));
        let (place, Unit::Ready(Err(why)), _) = &units[1] else {
            panic!("a bad row")
        };
        assert_eq!(*place, Place::Line(3));
        assert!(why.contains("body"), "{why}");
        // The same file again names its rows the same way.
        let again: Vec<_> = super::units(&f, Channel::Chat)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let (_, Unit::Ready(Ok(a)), _) = &again[0] else {
            panic!()
        };
        assert_eq!(a.ticket.ticket_id, first.ticket.ticket_id);
    }
}
