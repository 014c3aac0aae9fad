//! Loading the seed store (`users.json`, `orders.json`, `products.json`) from a
//! data directory, keeping each file's entry order (lookups by email or by
//! name + zip return the first match in file order, as the reference does).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::StoreError;

/// The seed contents of the store, entries in file order.
#[derive(Debug, Clone)]
pub struct Seed {
    /// `(user_id, user)` pairs.
    pub users: Vec<(String, Value)>,
    /// `(order_id, order)` pairs.
    pub orders: Vec<(String, Value)>,
    /// `(product_id, product)` pairs.
    pub products: Vec<(String, Value)>,
}

/// The data directory shipped with the project (`data/retail` in the repository).
pub fn default_data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/retail"))
}

impl Seed {
    /// Reads the three JSON files from `dir`.
    pub fn load(dir: &Path) -> Result<Seed, StoreError> {
        Ok(Seed {
            users: read_ordered(&dir.join("users.json"))?,
            orders: read_ordered(&dir.join("orders.json"))?,
            products: read_ordered(&dir.join("products.json"))?,
        })
    }
}

fn read_ordered(path: &Path) -> Result<Vec<(String, Value)>, StoreError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| StoreError::Seed(format!("{}: {e}", path.display())))?;
    parse_ordered(&text).map_err(|e| StoreError::Seed(format!("{}: {e}", path.display())))
}

/// Parses a JSON object into its `(key, value)` entries in document order;
/// every value must itself be an object.
pub(crate) fn parse_ordered(text: &str) -> Result<Vec<(String, Value)>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = de.deserialize_map(OrderedVisitor)?;
    de.end()?;
    for (k, v) in &entries {
        if !v.is_object() {
            return Err(serde::de::Error::custom(format!(
                "entry {k:?} is not a JSON object"
            )));
        }
    }
    Ok(entries)
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of entities keyed by id")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            out.push((k, v));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_document_order() {
        let e = parse_ordered(r#"{"z": {"a": 1}, "a": {}, "m": {"b": [1]}}"#).unwrap();
        let keys: Vec<&str> = e.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn rejects_non_objects() {
        assert!(parse_ordered(r#"{"a": 1}"#).is_err());
        assert!(parse_ordered(r#"[1]"#).is_err());
        assert!(parse_ordered(r#"{"a": {}} x"#).is_err());
    }

    #[test]
    fn loads_shipped_data() {
        let seed = Seed::load(&default_data_dir()).unwrap();
        assert_eq!(seed.users.len(), 500);
        assert_eq!(seed.orders.len(), 1000);
        assert_eq!(seed.products.len(), 50);
    }
}
