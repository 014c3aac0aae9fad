//! [`to_writer`]: serde straight to the Avro binary encoding.

use serde::ser::{self, Serialize};

use super::program::{Node, Program};
use super::{mismatch, Mismatch, Result};

// ---------------------------------------------------------------------------------------
// Encoding primitives.

fn put_long(out: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        out.push((z as u8) | 0x80);
        z >>= 7;
    }
    out.push(z as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_long(out, b.len() as i64);
    out.extend_from_slice(b);
}

/// Serializes `value` as the Avro binary datum of `program`'s root, after `out`'s contents.
/// On an error `out` may hold a partial datum.
pub fn to_writer<T: Serialize + ?Sized>(
    program: &Program,
    value: &T,
    out: &mut Vec<u8>,
) -> Result<()> {
    value.serialize(Ser {
        p: program,
        node: 0,
        out,
    })
}

struct Ser<'a> {
    p: &'a Program,
    node: usize,
    out: &'a mut Vec<u8>,
}

impl<'a> Ser<'a> {
    /// The node a value of the kind `accepts` is written as: this node, or (for a union)
    /// the first branch that accepts it, whose position is written first.
    fn target(&mut self, what: &str, accepts: impl Fn(&Node) -> bool) -> Result<usize> {
        let n = self.p.node(self.node);
        if accepts(n) {
            return Ok(self.node);
        }
        if let Node::Union { branches, .. } = n {
            for (i, &b) in branches.iter().enumerate() {
                if accepts(self.p.node(b)) {
                    put_long(self.out, i as i64);
                    return Ok(b);
                }
            }
        }
        mismatch(format!("{what} does not fit {n:?}"))
    }

    fn long(mut self, v: i64) -> Result<()> {
        let t = self.target("an integer", |n| matches!(n, Node::Long | Node::Int))?;
        if matches!(self.p.node(t), Node::Int) && i32::try_from(v).is_err() {
            return mismatch("an integer out of int range");
        }
        put_long(self.out, v);
        Ok(())
    }

    fn at(&mut self, node: usize) -> Ser<'_> {
        Ser {
            p: self.p,
            node,
            out: self.out,
        }
    }
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = ();
    type Error = Mismatch;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = ser::Impossible<(), Mismatch>;
    type SerializeTupleStruct = ser::Impossible<(), Mismatch>;
    type SerializeTupleVariant = ser::Impossible<(), Mismatch>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = ser::Impossible<(), Mismatch>;

    fn serialize_bool(mut self, v: bool) -> Result<()> {
        self.target("a bool", |n| matches!(n, Node::Boolean))?;
        self.out.push(v as u8);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.long(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.long(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        match i64::try_from(v) {
            Ok(v) => self.long(v),
            Err(_) => mismatch("an unsigned integer out of long range"),
        }
    }
    fn serialize_f32(mut self, v: f32) -> Result<()> {
        let t = self.target("a float", |n| matches!(n, Node::Float | Node::Double))?;
        match self.p.node(t) {
            Node::Float => self.out.extend_from_slice(&v.to_le_bytes()),
            _ => self.out.extend_from_slice(&f64::from(v).to_le_bytes()),
        }
        Ok(())
    }
    fn serialize_f64(mut self, v: f64) -> Result<()> {
        self.target("a double", |n| matches!(n, Node::Double))?;
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(mut self, v: &str) -> Result<()> {
        self.target("a string", |n| matches!(n, Node::String | Node::Bytes))?;
        put_bytes(self.out, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<()> {
        self.target("bytes", |n| matches!(n, Node::Bytes))?;
        put_bytes(self.out, v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<()> {
        self.target("null", |n| matches!(n, Node::Null))?;
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<()> {
        match self.p.node(self.node) {
            Node::Union {
                single: Some((pos, branch)),
                ..
            } => {
                let (pos, branch) = (*pos, *branch);
                put_long(self.out, pos as i64);
                value.serialize(self.at(branch))
            }
            Node::Union { .. } => mismatch("a value for a union of several non-null types"),
            _ => value.serialize(self),
        }
    }
    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        let t = self.target("an enum", |n| matches!(n, Node::Enum(_)))?;
        let Node::Enum(symbols) = self.p.node(t) else {
            unreachable!()
        };
        match symbols.iter().position(|s| s == variant) {
            Some(i) => {
                put_long(self.out, i as i64);
                Ok(())
            }
            None => mismatch(format!("no symbol {variant}")),
        }
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        mismatch("a newtype variant")
    }
    fn serialize_seq(mut self, len: Option<usize>) -> Result<Items<'a>> {
        let Some(len) = len else {
            return mismatch("a sequence of unknown length");
        };
        let t = self.target("a sequence", |n| matches!(n, Node::Array(_)))?;
        let Node::Array(items) = *self.p.node(t) else {
            unreachable!()
        };
        if len > 0 {
            put_long(self.out, len as i64);
        }
        Ok(Items {
            p: self.p,
            items,
            out: self.out,
            left: len,
        })
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        mismatch("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        mismatch("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        mismatch("a tuple variant")
    }
    fn serialize_map(mut self, len: Option<usize>) -> Result<Entries<'a>> {
        let Some(len) = len else {
            return mismatch("a map of unknown length");
        };
        let t = self.target("a map", |n| matches!(n, Node::Map(_)))?;
        let Node::Map(values) = *self.p.node(t) else {
            unreachable!()
        };
        if len > 0 {
            put_long(self.out, len as i64);
        }
        Ok(Entries {
            p: self.p,
            values,
            out: self.out,
            left: len,
        })
    }
    fn serialize_struct(mut self, name: &'static str, _len: usize) -> Result<Fields<'a>> {
        let t = match self.p.node(self.node) {
            Node::Record { .. } => self.node,
            Node::Union { single, .. } => {
                let single = *single;
                match self.target(
                    "a struct",
                    |n| matches!(n, Node::Record { name: r, .. } if r == name),
                ) {
                    Ok(t) => t,
                    Err(e) => match single {
                        Some((pos, b)) if matches!(self.p.node(b), Node::Record { .. }) => {
                            put_long(self.out, pos as i64);
                            b
                        }
                        _ => return Err(e),
                    },
                }
            }
            other => return mismatch(format!("a struct does not fit {other:?}")),
        };
        Ok(Fields {
            p: self.p,
            record: t,
            next: 0,
            out: self.out,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        mismatch("a struct variant")
    }
}

struct Items<'a> {
    p: &'a Program,
    items: usize,
    out: &'a mut Vec<u8>,
    left: usize,
}

impl ser::SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = Mismatch;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if self.left == 0 {
            return mismatch("more elements than announced");
        }
        self.left -= 1;
        value.serialize(Ser {
            p: self.p,
            node: self.items,
            out: self.out,
        })
    }
    fn end(self) -> Result<()> {
        if self.left != 0 {
            return mismatch("fewer elements than announced");
        }
        self.out.push(0);
        Ok(())
    }
}

struct Entries<'a> {
    p: &'a Program,
    values: usize,
    out: &'a mut Vec<u8>,
    left: usize,
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = ();
    type Error = Mismatch;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        if self.left == 0 {
            return mismatch("more entries than announced");
        }
        self.left -= 1;
        key.serialize(KeySer(self.out))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(Ser {
            p: self.p,
            node: self.values,
            out: self.out,
        })
    }
    fn end(self) -> Result<()> {
        if self.left != 0 {
            return mismatch("fewer entries than announced");
        }
        self.out.push(0);
        Ok(())
    }
}

/// Map keys: strings only.
struct KeySer<'a>(&'a mut Vec<u8>);

/// Serializer methods of [`KeySer`] for values that cannot be map keys.
macro_rules! reject_key {
    ($($name:ident($ty:ty)),* $(,)?) => {
        $(fn $name(self, _: $ty) -> Result<()> {
            mismatch("a non-string map key")
        })*
    };
}

impl ser::Serializer for KeySer<'_> {
    type Ok = ();
    type Error = Mismatch;
    type SerializeSeq = ser::Impossible<(), Mismatch>;
    type SerializeTuple = ser::Impossible<(), Mismatch>;
    type SerializeTupleStruct = ser::Impossible<(), Mismatch>;
    type SerializeTupleVariant = ser::Impossible<(), Mismatch>;
    type SerializeMap = ser::Impossible<(), Mismatch>;
    type SerializeStruct = ser::Impossible<(), Mismatch>;
    type SerializeStructVariant = ser::Impossible<(), Mismatch>;

    fn serialize_str(self, v: &str) -> Result<()> {
        put_bytes(self.0, v.as_bytes());
        Ok(())
    }
    reject_key! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_bytes(&[u8])
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_none(self) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_unit(self) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        mismatch("a non-string map key")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        mismatch("a non-string map key")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        mismatch("a non-string map key")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        mismatch("a non-string map key")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        mismatch("a non-string map key")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        mismatch("a non-string map key")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        mismatch("a non-string map key")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        mismatch("a non-string map key")
    }
}

/// A record's fields, which must arrive in the schema's order, all of them.
struct Fields<'a> {
    p: &'a Program,
    record: usize,
    next: usize,
    out: &'a mut Vec<u8>,
}

impl Fields<'_> {
    fn fields(&self) -> &[(String, usize)] {
        match self.p.node(self.record) {
            Node::Record { fields, .. } => fields,
            _ => &[],
        }
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Mismatch;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        let node = match self.fields().get(self.next) {
            Some((name, node)) if name == key => *node,
            _ => return mismatch(format!("field {key} out of the schema's order")),
        };
        self.next += 1;
        value.serialize(Ser {
            p: self.p,
            node,
            out: self.out,
        })
    }
    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        mismatch(format!("field {key} skipped"))
    }
    fn end(self) -> Result<()> {
        if self.next != self.fields().len() {
            return mismatch("fields missing from the value");
        }
        Ok(())
    }
}
