//! Authentication: the channel's verified identity first, else an e-mail
//! address in the text, else a name and zip code in the text.

use frontdesk_intent::{extract_entities, Catalog, EntityKind};
use serde_json::{json, Value};

use crate::customer::Reader;
use crate::{Identity, ToolFailure};

/// How the customer was identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authenticated {
    /// A store user id, and how it was found.
    User {
        /// User id.
        user_id: String,
        /// `channel`, `email` or `name_zip`.
        via: &'static str,
    },
    /// Not identified yet.
    Unknown,
}

/// Finds the customer's user id.
pub async fn authenticate(
    reader: &mut Reader<'_>,
    identity: &Identity,
    known: Option<&str>,
    text: &str,
    catalog: &Catalog,
) -> Result<Authenticated, ToolFailure> {
    if let Some(id) = known.or(identity.user_id.as_deref()) {
        return Ok(Authenticated::User {
            user_id: id.to_owned(),
            via: "channel",
        });
    }
    if let Some(email) = &identity.email {
        if let Some(id) = reader
            .read("find_user_id_by_email", json!({ "email": email }))
            .await?
            .as_ref()
            .and_then(Value::as_str)
        {
            return Ok(Authenticated::User {
                user_id: id.to_owned(),
                via: "channel",
            });
        }
    }
    let entities = extract_entities(text, catalog, None);
    for e in entities.iter().filter(|e| e.kind == EntityKind::Email) {
        if let Some(id) = reader
            .read("find_user_id_by_email", json!({ "email": e.value }))
            .await?
            .as_ref()
            .and_then(Value::as_str)
        {
            return Ok(Authenticated::User {
                user_id: id.to_owned(),
                via: "email",
            });
        }
    }
    let names: Vec<&str> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::PersonName)
        .map(|e| e.value.as_str())
        .collect();
    let zips: Vec<&str> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Zip)
        .map(|e| e.value.as_str())
        .collect();
    for name in &names {
        let parts: Vec<&str> = name.split_whitespace().collect();
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            continue;
        };
        if parts.len() < 2 {
            continue;
        }
        for zip in &zips {
            let args = json!({ "first_name": first, "last_name": last, "zip": zip });
            if let Some(id) = reader
                .read("find_user_id_by_name_zip", args)
                .await?
                .as_ref()
                .and_then(Value::as_str)
            {
                return Ok(Authenticated::User {
                    user_id: id.to_owned(),
                    via: "name_zip",
                });
            }
        }
    }
    Ok(Authenticated::Unknown)
}
