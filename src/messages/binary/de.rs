//! [`from_slice`]: the Avro binary encoding straight to serde.

use serde::de::{self, DeserializeSeed, Visitor};

use super::program::{Node, Program};
use super::{mismatch, Mismatch, Result};

// ---------------------------------------------------------------------------------------
// Decoding.

/// Deserializes a `T` from the Avro binary datum of `program`'s root, which must take up
/// all of `bytes`.
pub fn from_slice<T: de::DeserializeOwned>(program: &Program, bytes: &[u8]) -> Result<T> {
    let mut input = bytes;
    let value = T::deserialize(De {
        p: program,
        node: 0,
        input: &mut input,
    })?;
    if !input.is_empty() {
        return mismatch(format!("{} trailing bytes after the datum", input.len()));
    }
    Ok(value)
}

struct De<'a, 'de> {
    p: &'a Program,
    node: usize,
    input: &'a mut &'de [u8],
}

fn get_long(input: &mut &[u8]) -> Result<i64> {
    let mut z: u64 = 0;
    for shift in (0..70).step_by(7) {
        let Some((&b, rest)) = input.split_first() else {
            return mismatch("truncated integer");
        };
        *input = rest;
        if shift == 63 && b > 1 {
            return mismatch("integer overflow");
        }
        z |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok((z >> 1) as i64 ^ -((z & 1) as i64));
        }
    }
    mismatch("integer overflow")
}

fn get_len(input: &mut &[u8]) -> Result<usize> {
    let n = get_long(input)?;
    usize::try_from(n).or_else(|_| mismatch("negative length"))
}

fn get_slice<'de>(input: &mut &'de [u8], n: usize) -> Result<&'de [u8]> {
    if input.len() < n {
        return mismatch("truncated datum");
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Ok(head)
}

fn get_bytes<'de>(input: &mut &'de [u8]) -> Result<&'de [u8]> {
    let n = get_len(input)?;
    get_slice(input, n)
}

fn get_str<'de>(input: &mut &'de [u8]) -> Result<&'de str> {
    std::str::from_utf8(get_bytes(input)?).or_else(|_| mismatch("invalid UTF-8 in a string"))
}

/// The block count of an array or map: a negative count is followed by the block's size.
fn get_block(input: &mut &[u8]) -> Result<usize> {
    let n = get_long(input)?;
    if n < 0 {
        get_long(input)?;
        return Ok(n.unsigned_abs() as usize);
    }
    Ok(n as usize)
}

impl<'a, 'de> De<'a, 'de> {
    fn at(&mut self, node: usize) -> De<'_, 'de> {
        De {
            p: self.p,
            node,
            input: self.input,
        }
    }

    fn branch(&mut self, branches: &[usize]) -> Result<usize> {
        let i = get_long(self.input)?;
        usize::try_from(i)
            .ok()
            .and_then(|i| branches.get(i).copied())
            .map_or_else(|| mismatch(format!("union branch {i} out of range")), Ok)
    }

    fn symbol(&mut self, symbols: &'a [String]) -> Result<&'a str> {
        let i = get_long(self.input)?;
        usize::try_from(i)
            .ok()
            .and_then(|i| symbols.get(i))
            .map_or_else(
                || mismatch(format!("enum symbol {i} out of range")),
                |s| Ok(s.as_str()),
            )
    }
}

impl<'de> de::Deserializer<'de> for De<'_, 'de> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        let p = self.p;
        match p.node(self.node) {
            Node::Null => visitor.visit_unit(),
            Node::Boolean => match get_slice(self.input, 1)?[0] {
                0 => visitor.visit_bool(false),
                1 => visitor.visit_bool(true),
                b => mismatch(format!("invalid boolean byte {b}")),
            },
            Node::Int => {
                let v = get_long(self.input)?;
                match i32::try_from(v) {
                    Ok(v) => visitor.visit_i32(v),
                    Err(_) => mismatch("int out of range"),
                }
            }
            Node::Long => visitor.visit_i64(get_long(self.input)?),
            Node::Float => {
                let b = get_slice(self.input, 4)?;
                visitor.visit_f32(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            Node::Double => {
                let b = get_slice(self.input, 8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                visitor.visit_f64(f64::from_le_bytes(a))
            }
            Node::Bytes => visitor.visit_borrowed_bytes(get_bytes(self.input)?),
            Node::String => visitor.visit_borrowed_str(get_str(self.input)?),
            Node::Enum(symbols) => visitor.visit_str(self.symbol(symbols)?),
            Node::Array(items) => {
                let items = *items;
                visitor.visit_seq(Blocks {
                    p: self.p,
                    node: items,
                    input: self.input,
                    left: 0,
                    done: false,
                })
            }
            Node::Map(values) => {
                let values = *values;
                visitor.visit_map(Blocks {
                    p: self.p,
                    node: values,
                    input: self.input,
                    left: 0,
                    done: false,
                })
            }
            Node::Record { fields, .. } => visitor.visit_map(RecordAccess {
                p: self.p,
                fields: fields.iter(),
                value: 0,
                input: self.input,
            }),
            Node::Union { branches, .. } => {
                let b = self.branch(branches)?;
                self.at(b).deserialize_any(visitor)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.p.node(self.node) {
            Node::Null => visitor.visit_none(),
            Node::Union { branches, .. } => {
                let b = self.branch(branches)?;
                if matches!(self.p.node(b), Node::Null) {
                    visitor.visit_none()
                } else {
                    visitor.visit_some(self.at(b))
                }
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let p = self.p;
        match p.node(self.node) {
            Node::Enum(symbols) => visitor.visit_enum(de::value::StrDeserializer::<Mismatch>::new(
                self.symbol(symbols)?,
            )),
            Node::String => visitor.visit_enum(
                de::value::BorrowedStrDeserializer::<Mismatch>::new(get_str(self.input)?),
            ),
            Node::Union { branches, .. } => {
                let b = self.branch(branches)?;
                self.at(b).deserialize_enum(_name, _variants, visitor)
            }
            other => mismatch(format!("an enum from {other:?}")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// Array items or map entries, block by block.
struct Blocks<'a, 'de> {
    p: &'a Program,
    node: usize,
    input: &'a mut &'de [u8],
    left: usize,
    done: bool,
}

impl Blocks<'_, '_> {
    /// Whether another item follows (reading the next block header when needed).
    fn more(&mut self) -> Result<bool> {
        while self.left == 0 && !self.done {
            let n = get_block(self.input)?;
            if n == 0 {
                self.done = true;
            }
            self.left = n;
        }
        if self.left == 0 {
            return Ok(false);
        }
        self.left -= 1;
        Ok(true)
    }
}

impl<'de> de::SeqAccess<'de> for Blocks<'_, 'de> {
    type Error = Mismatch;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        seed.deserialize(De {
            p: self.p,
            node: self.node,
            input: self.input,
        })
        .map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Blocks<'_, 'de> {
    type Error = Mismatch;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        let key = get_str(self.input)?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(De {
            p: self.p,
            node: self.node,
            input: self.input,
        })
    }
}

struct RecordAccess<'a, 'de> {
    p: &'a Program,
    fields: std::slice::Iter<'a, (String, usize)>,
    value: usize,
    input: &'a mut &'de [u8],
}

impl<'de> de::MapAccess<'de> for RecordAccess<'_, 'de> {
    type Error = Mismatch;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((name, node)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = *node;
        seed.deserialize(de::value::StrDeserializer::new(name))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(De {
            p: self.p,
            node: self.value,
            input: self.input,
        })
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}
